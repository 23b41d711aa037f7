/* test-people.c — customers, vehicles, treatment plans, staff and notes
 * through HTTP against a real ahi-server process
 *
 * A hair salon, a dental clinic and a car service sign up; their owners
 * add a manager and a staff member. Each write is checked in the answer,
 * read back, and found in the tenant's log (sync pull) as its event with
 * the caller as actor. Bad input, roles, other tenants' ids, and the
 * clinic's health notes (scoped by role, every read audited) too.
 */
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ahi-test-tenant.h"

#include "core/ahi-core.h"
#include "core/ahi-id.h"

#define C1      "01900000-0000-7000-8000-0000000000c1"
#define UNKNOWN "01900000-0000-7000-8000-0000000000ff"
#define EVENT_1 "01900000-0000-7000-8000-0000000000e1"
#define PASSWORD "parola-parola-1"

static AhiTestServer server;
static char *data_dir;

/* One business and its people's tokens. */
typedef struct {
  char *tenant;
  char *owner, *owner_id;
  char *manager, *manager_id;
  char *staff, *staff_id;
} Business;

static void
business_clear (Business *b)
{
  g_free (b->tenant);
  g_free (b->owner);
  g_free (b->owner_id);
  g_free (b->manager);
  g_free (b->manager_id);
  g_free (b->staff);
  g_free (b->staff_id);
}

/* ------------------------------------------------------------- helpers */

/* A request to the test's server, the path made from a format. */
#define call(method, token, body, ...) ahi_test_callf (&server, method, token, body, __VA_ARGS__)

/* Signs a business up with an owner, a manager and a staff member, each
 * signed in. */
static void
business_new (Business   *b,
              const char *sector,
              const char *name)
{
  g_autofree char *owner = g_strdup_printf ("owner@%s.example", name);
  g_autofree char *manager = g_strdup_printf ("manager@%s.example", name);
  g_autofree char *staff = g_strdup_printf ("staff@%s.example", name);

  b->tenant = ahi_test_sign_up (&server, name, "Derya Aksoy", sector, owner, PASSWORD, &b->owner_id);
  b->owner = ahi_test_login (&server, owner, PASSWORD, NULL);
  b->manager_id = ahi_test_add_member (&server, b->tenant, b->owner, manager, PASSWORD, "manager");
  b->manager = ahi_test_login (&server, manager, PASSWORD, NULL);
  b->staff_id = ahi_test_add_member (&server, b->tenant, b->owner, staff, PASSWORD, "staff");
  b->staff = ahi_test_login (&server, staff, PASSWORD, NULL);
}

/* The tenant's log as the owner pulls it (the owner receives every
 * event, health notes included). */
static JsonArray *
pull_log (Business     *b,
          AhiTestReply *reply)
{
  *reply = call ("GET", b->owner, NULL, "/api/tenant/%s/sync/pull?after=0&limit=1000", b->tenant);
  g_assert_false (json_object_get_boolean_member (ahi_test_expect (reply, 200), "has_more"));
  return json_object_get_array_member (ahi_test_reply_object (reply), "events");
}

/* How many events of type for entity_id the log holds; the last one's
 * actor must be user in role. */
static guint
count_events (Business   *b,
              const char *type,
              const char *entity_id,
              const char *user,
              const char *role)
{
  AhiTestReply reply;
  JsonArray *events = pull_log (b, &reply);
  JsonObject *last = NULL;
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (event, "type"), type) &&
          g_str_equal (json_object_get_string_member (event, "entity_id"), entity_id))
        last = event, n++;
    }
  if (last != NULL)
    {
      JsonObject *actor = json_object_get_object_member (last, "actor");

      g_assert_cmpstr (json_object_get_string_member (actor, "user_id"), ==, user);
      g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, role);
    }
  ahi_test_reply_clear (&reply);
  return n;
}

static gint64
log_length (Business *b)
{
  AhiTestReply reply;
  gint64 n = json_array_get_length (pull_log (b, &reply));

  ahi_test_reply_clear (&reply);
  return n;
}

/* One integer from the tenant's database file, read beside the running
 * server. */
static gint64
tenant_int (Business   *b,
            const char *sql)
{
  return ahi_test_tenant_int (data_dir, b->tenant, sql);
}

static const char *
str (JsonObject *object,
     const char *name)
{
  return json_object_get_string_member (object, name);
}

/* ----------------------------------------------------------- customers */

static void
test_customers (void)
{
  Business salon = { 0 }, clinic = { 0 };
  g_autofree char *staff_made = NULL;
  g_autofree char *sql_made = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *sql_name = "Robert'); DROP TABLE customers;--";
  AhiTestReply reply;
  JsonObject *object;
  gint64 before;

  business_new (&salon, "hair_beauty", "salon");
  business_new (&clinic, "dental_esthetic", "clinic");

  /* The owner registers a customer under an id of the desk's choosing. */
  reply = call ("POST", salon.owner,
                "{\"customer_id\":\"" C1 "\",\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\","
                "\"source\":\"walk_in\",\"tags\":[\"vip\"]}", "/api/tenant/%s/customers", salon.tenant);
  object = ahi_test_expect_written (&reply, 201, "customer");
  g_assert_cmpstr (str (object, "customer_id"), ==, C1);
  g_assert_cmpstr (str (object, "full_name"), ==, "Işıl Çağlar");
  g_assert_cmpstr (str (object, "phone"), ==, "+905321234567");
  g_assert_true (json_object_get_null_member (object, "email"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "tags"), 0), ==, "vip");
  ahi_test_reply_clear (&reply);

  /* Sent again (the answer was lost): the same customer, 200, one event. */
  reply = call ("POST", salon.owner,
                "{\"customer_id\":\"" C1 "\",\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\","
                "\"source\":\"walk_in\",\"tags\":[\"vip\"]}", "/api/tenant/%s/customers", salon.tenant);
  g_assert_cmpstr (str (ahi_test_expect_written (&reply, 200, "customer"), "full_name"), ==, "Işıl Çağlar");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&salon, "customer.created", C1, salon.owner_id, "owner"), ==, 1);

  /* The same id for another body is not a retry: 409 id_reused, nothing
   * written, the customer as the first write made them. */
  before = log_length (&salon);
  ahi_test_assert_error (call ("POST", salon.owner,
                               "{\"customer_id\":\"" C1 "\",\"full_name\":\"Başka Biri\",\"phone\":\"+905321234567\","
                               "\"source\":\"walk_in\",\"tags\":[\"vip\"]}", "/api/tenant/%s/customers", salon.tenant),
                         409, "id_reused");
  /* The same body from another person of the business is another write
   * too. */
  ahi_test_assert_error (call ("POST", salon.manager,
                               "{\"customer_id\":\"" C1 "\",\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\","
                               "\"source\":\"walk_in\",\"tags\":[\"vip\"]}", "/api/tenant/%s/customers", salon.tenant),
                         409, "id_reused");
  g_assert_cmpint (log_length (&salon), ==, before);
  reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers/" C1, salon.tenant);
  g_assert_cmpstr (str (ahi_test_expect (&reply, 200), "full_name"), ==, "Işıl Çağlar");
  ahi_test_reply_clear (&reply);

  /* An update sent twice under one event id is one change; the same
   * event id for another change is refused. */
  reply = call ("PATCH", salon.staff, "{\"event_id\":\"" EVENT_1 "\",\"city\":\"Moda\"}",
                "/api/tenant/%s/customers/" C1, salon.tenant);
  g_assert_cmpstr (str (ahi_test_expect (&reply, 200), "event_id"), ==, EVENT_1);
  ahi_test_reply_clear (&reply);
  reply = call ("PATCH", salon.staff, "{\"event_id\":\"" EVENT_1 "\",\"city\":\"Moda\"}",
                "/api/tenant/%s/customers/" C1, salon.tenant);
  g_assert_cmpstr (str (ahi_test_expect_written (&reply, 200, "customer"), "city"), ==, "Moda");
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("PATCH", salon.staff, "{\"event_id\":\"" EVENT_1 "\",\"city\":\"Beşiktaş\"}",
                               "/api/tenant/%s/customers/" C1, salon.tenant), 409, "id_reused");
  g_assert_cmpuint (count_events (&salon, "customer.updated", C1, salon.staff_id, "staff"), ==, 1);

  /* Staff register customers too; the server makes the id. */
  reply = call ("POST", salon.staff, "{\"full_name\":\"Ayşe Yılmaz\",\"phone\":\"+905329876543\",\"source\":\"phone\"}",
                "/api/tenant/%s/customers", salon.tenant);
  staff_made = g_strdup (str (ahi_test_expect_written (&reply, 201, "customer"), "customer_id"));
  g_assert_true (ahi_id_is_valid (staff_made));
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&salon, "customer.created", staff_made, salon.staff_id, "staff"), ==, 1);

  /* A SQL-looking name is a name: stored and answered literally. */
  {
    g_autofree char *body = g_strdup_printf ("{\"full_name\":\"%s\",\"phone\":\"+905320000001\",\"source\":\"other\"}",
                                             sql_name);
    reply = call ("POST", salon.manager, body, "/api/tenant/%s/customers", salon.tenant);
    sql_made = g_strdup (str (ahi_test_expect_written (&reply, 201, "customer"), "customer_id"));
    ahi_test_reply_clear (&reply);
    reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers/%s", salon.tenant, sql_made);
    g_assert_cmpstr (str (ahi_test_expect (&reply, 200), "full_name"), ==, sql_name);
    ahi_test_reply_clear (&reply);
  }

  /* Bad input: nothing is written. */
  before = log_length (&salon);
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"A\",\"phone\":\"+905320000002\",\"source\":\"phone\","
                               "\"nickname\":\"Aa\"}", "/api/tenant/%s/customers", salon.tenant), 400, "unknown_field");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"A\",\"phone\":\"+905320000002\",\"source\":\"phone\","
                               "\"tags\":\"vip\"}", "/api/tenant/%s/customers", salon.tenant), 400, "wrong_type");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":5,\"phone\":\"+905320000002\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "wrong_type");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":null,\"phone\":\"+905320000002\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "wrong_type");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"customer_id\":\"C1\",\"full_name\":\"A\",\"phone\":\"+905320000002\","
                               "\"source\":\"phone\"}", "/api/tenant/%s/customers", salon.tenant), 400, "invalid_value");
  /* The message names the body's member, not the event's pii.phone. */
  reply = call ("POST", salon.owner, "{\"full_name\":\"A\",\"phone\":\"0532 000\",\"source\":\"phone\"}",
                "/api/tenant/%s/customers", salon.tenant);
  object = json_object_get_object_member (ahi_test_expect (&reply, 400), "error");
  g_assert_cmpstr (str (object, "code"), ==, "invalid_value");
  g_assert_true (g_str_has_prefix (str (object, "message"), "phone: "));
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("POST", salon.owner, "{\"phone\":\"+905320000002\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "missing_field");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"A\",\"phone\":\"+905320000002\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "missing_field");
  /* The salon's blueprint wants a phone number on every customer. */
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"A\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", salon.tenant), 422, "unprocessable");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"\xff\xfe\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "invalid_utf8");
  ahi_test_assert_error (call ("POST", salon.owner, "{\"full_name\":\"A\",\"full_name\":\"B\"}",
                               "/api/tenant/%s/customers", salon.tenant), 400, "duplicate_key");
  /* An update that changes nothing, or names a field no customer has. */
  ahi_test_assert_error (call ("PATCH", salon.owner, "{}", "/api/tenant/%s/customers/" C1, salon.tenant),
                         400, "missing_field");
  ahi_test_assert_error (call ("PATCH", salon.owner, "{\"pin\":\"1\"}", "/api/tenant/%s/customers/" C1, salon.tenant),
                         400, "unknown_field");
  ahi_test_assert_error (call ("PATCH", salon.owner, "{\"city\":\"X\"}", "/api/tenant/%s/customers/" UNKNOWN, salon.tenant),
                         404, "not_found");
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers/" UNKNOWN, salon.tenant), 404, "not_found");
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers/not-an-id", salon.tenant), 404, "not_found");
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers?limit=0", salon.tenant), 400, "bad_request");
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers?after=x", salon.tenant), 400, "bad_request");
  g_assert_cmpint (log_length (&salon), ==, before);

  /* A partial update by staff changes the city and nothing else. */
  reply = call ("PATCH", salon.staff, "{\"city\":\"Kadıköy\"}", "/api/tenant/%s/customers/" C1, salon.tenant);
  object = ahi_test_expect_written (&reply, 200, "customer");
  g_assert_cmpstr (str (object, "city"), ==, "Kadıköy");
  g_assert_cmpstr (str (object, "full_name"), ==, "Işıl Çağlar");
  g_assert_cmpstr (str (object, "phone"), ==, "+905321234567");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&salon, "customer.updated", C1, salon.staff_id, "staff"), ==, 2);   /* Moda, then Kadıköy */

  /* Search keeps its type-ahead shape: "isil" finds Işıl. */
  reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers?q=isil", salon.tenant);
  object = ahi_test_expect (&reply, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "customers")), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (json_object_get_array_member (object, "customers"), 0),
                        "customer_id"), ==, C1);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers?q=a&after=" C1, salon.tenant),
                         400, "bad_request");

  /* Two more customers make five: pages of two are 2 + 2 + 1, in
   * increasing id order, each customer exactly once. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"full_name\":\"Müşteri %u\",\"phone\":\"+90532000001%u\",\"source\":\"online\"}",
                                               i, i);
      reply = call ("POST", salon.owner, body, "/api/tenant/%s/customers", salon.tenant);
      ahi_test_expect_written (&reply, 201, "customer");
      ahi_test_reply_clear (&reply);
    }
  {
    g_autofree char *after = NULL;
    guint pages = 0;
    gboolean more = TRUE;

    while (more)
      {
        JsonArray *customers;

        if (after == NULL)
          reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers?limit=2", salon.tenant);
        else
          reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers?limit=2&after=%s", salon.tenant, after);
        object = ahi_test_expect (&reply, 200);
        customers = json_object_get_array_member (object, "customers");
        more = json_object_get_boolean_member (object, "has_more");
        for (guint i = 0; i < json_array_get_length (customers); i++)
          {
            const char *id = str (json_array_get_object_element (customers, i), "customer_id");

            if (seen->len > 0)
              g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), <, id);
            g_ptr_array_add (seen, g_strdup (id));
          }
        g_free (after);
        after = more ? g_strdup (str (object, "next_after")) : NULL;
        if (!more)
          g_assert_true (json_object_get_null_member (object, "next_after"));
        pages++;
        ahi_test_reply_clear (&reply);
      }
    g_assert_cmpuint (pages, ==, 3);
    g_assert_cmpuint (seen->len, ==, 5);
  }

  /* Erasure (KVKK): staff may not; a manager may, once. */
  ahi_test_assert_error (call ("POST", salon.staff, "{\"reason\":\"KVKK talebi\"}", "/api/tenant/%s/customers/" C1 "/erase",
                               salon.tenant), 403, "forbidden");
  reply = call ("POST", salon.manager, "{\"reason\":\"KVKK talebi\"}", "/api/tenant/%s/customers/" C1 "/erase", salon.tenant);
  object = ahi_test_expect_written (&reply, 200, "customer");
  g_assert_true (json_object_get_null_member (object, "full_name"));
  g_assert_true (json_object_get_null_member (object, "phone"));
  g_assert_false (json_object_get_null_member (object, "erased_at"));
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&salon, "customer.erased", C1, salon.manager_id, "manager"), ==, 1);
  ahi_test_assert_error (call ("POST", salon.owner, "{\"reason\":\"KVKK talebi\"}", "/api/tenant/%s/customers/" C1 "/erase",
                               salon.tenant), 409, "invalid_state");
  ahi_test_assert_error (call ("PATCH", salon.owner, "{\"city\":\"X\"}", "/api/tenant/%s/customers/" C1, salon.tenant),
                         409, "invalid_state");
  /* Gone from search and from the list: four customers remain. */
  reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers?q=isil", salon.tenant);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_expect (&reply, 200), "customers")), ==, 0);
  ahi_test_reply_clear (&reply);
  reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers", salon.tenant);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_expect (&reply, 200), "customers")), ==, 4);
  ahi_test_reply_clear (&reply);

  /* Another business: the salon's customer does not exist for it, asked
   * through the salon's path or its own. No token: 401. */
  ahi_test_assert_error (call ("GET", clinic.owner, NULL, "/api/tenant/%s/customers/%s", salon.tenant, staff_made),
                         404, "not_found");
  ahi_test_assert_error (call ("GET", clinic.owner, NULL, "/api/tenant/%s/customers/%s", clinic.tenant, staff_made),
                         404, "not_found");
  ahi_test_assert_error (call ("PATCH", clinic.owner, "{\"city\":\"X\"}", "/api/tenant/%s/customers/%s", clinic.tenant,
                               staff_made), 404, "not_found");
  ahi_test_assert_error (call ("GET", NULL, NULL, "/api/tenant/%s/customers", salon.tenant), 401, "unauthorized");

  business_clear (&salon);
  business_clear (&clinic);
}

/* ------------------------------------------------- vehicles, plans, staff */

static void
test_records_and_staff (void)
{
  Business garage = { 0 }, clinic = { 0 };
  g_autofree char *vehicle = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *step = NULL;
  g_autofree char *member = NULL;
  AhiTestReply reply;
  JsonObject *object;
  JsonArray *steps;

  business_new (&garage, "auto_service", "garage");
  business_new (&clinic, "dental_esthetic", "clinic2");

  reply = call ("POST", garage.staff, "{\"customer_id\":\"" C1 "\",\"full_name\":\"Kemal Er\",\"phone\":\"+905321110000\","
                "\"source\":\"walk_in\"}", "/api/tenant/%s/customers", garage.tenant);
  ahi_test_expect_written (&reply, 201, "customer");
  ahi_test_reply_clear (&reply);

  /* The garage's blueprint wants a plate and the odometer. */
  ahi_test_assert_error (call ("POST", garage.staff, "{\"plate\":\"34 ABC 123\",\"make\":\"Renault\"}",
                               "/api/tenant/%s/customers/" C1 "/vehicles", garage.tenant), 422, "unprocessable");
  ahi_test_assert_error (call ("POST", garage.staff, "{\"plate\":\"34 ABC 123\",\"km\":\"çok\"}",
                               "/api/tenant/%s/customers/" C1 "/vehicles", garage.tenant), 400, "wrong_type");
  ahi_test_assert_error (call ("POST", garage.staff, "{\"plate\":\"34 ABC 123\",\"km\":1,\"customer_id\":\"" UNKNOWN "\"}",
                               "/api/tenant/%s/customers/" C1 "/vehicles", garage.tenant), 400, "unknown_field");
  ahi_test_assert_error (call ("POST", garage.staff, "{\"plate\":\"34 ABC 123\",\"km\":1}",
                               "/api/tenant/%s/customers/" UNKNOWN "/vehicles", garage.tenant), 404, "not_found");
  reply = call ("POST", garage.staff, "{\"plate\":\"34 ABC 123\",\"make\":\"Renault\",\"km\":84000}",
                "/api/tenant/%s/customers/" C1 "/vehicles", garage.tenant);
  object = ahi_test_expect_written (&reply, 201, "vehicle");
  vehicle = g_strdup (str (object, "vehicle_id"));
  g_assert_cmpstr (str (object, "customer_id"), ==, C1);
  g_assert_cmpint (json_object_get_int_member (object, "km"), ==, 84000);
  g_assert_true (json_object_get_null_member (object, "year"));
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&garage, "vehicle.created", vehicle, garage.staff_id, "staff"), ==, 1);

  reply = call ("PATCH", garage.manager, "{\"km\":91500}", "/api/tenant/%s/vehicles/%s", garage.tenant, vehicle);
  object = ahi_test_expect_written (&reply, 200, "vehicle");
  g_assert_cmpint (json_object_get_int_member (object, "km"), ==, 91500);
  g_assert_cmpstr (str (object, "plate"), ==, "34 ABC 123");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&garage, "vehicle.updated", vehicle, garage.manager_id, "manager"), ==, 1);
  ahi_test_assert_error (call ("PATCH", garage.manager, "{\"km\":-1}", "/api/tenant/%s/vehicles/%s", garage.tenant, vehicle),
                         400, "out_of_range");
  ahi_test_assert_error (call ("PATCH", clinic.owner, "{\"km\":1}", "/api/tenant/%s/vehicles/%s", clinic.tenant, vehicle),
                         404, "not_found");

  reply = call ("GET", garage.staff, NULL, "/api/tenant/%s/customers/" C1 "/vehicles", garage.tenant);
  object = ahi_test_expect (&reply, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "vehicles")), ==, 1);
  ahi_test_reply_clear (&reply);

  /* Treatment plans: the clinician (manager) makes one, the desk ticks
   * its steps. Step ids the client leaves out are made. */
  reply = call ("POST", clinic.owner, "{\"customer_id\":\"" C1 "\",\"full_name\":\"Selin Kaya\",\"phone\":\"+905321234000\","
                "\"birth_date\":\"1990-04-01\",\"source\":\"phone\"}", "/api/tenant/%s/customers", clinic.tenant);
  ahi_test_expect_written (&reply, 201, "customer");
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("POST", clinic.staff, "{\"title\":\"İmplant\",\"steps\":[{\"label\":\"Muayene\"}]}",
                               "/api/tenant/%s/customers/" C1 "/treatment-plans", clinic.tenant), 403, "forbidden");
  ahi_test_assert_error (call ("POST", clinic.manager, "{\"title\":\"İmplant\",\"steps\":[]}",
                               "/api/tenant/%s/customers/" C1 "/treatment-plans", clinic.tenant), 400, "invalid_value");
  reply = call ("POST", clinic.manager, "{\"title\":\"İmplant\",\"steps\":[{\"label\":\"Muayene\"},{\"label\":\"Cerrahi\"}]}",
                "/api/tenant/%s/customers/" C1 "/treatment-plans", clinic.tenant);
  object = ahi_test_expect_written (&reply, 201, "treatment_plan");
  plan = g_strdup (str (object, "plan_id"));
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 2);
  step = g_strdup (str (json_array_get_object_element (steps, 1), "step_id"));
  g_assert_true (ahi_id_is_valid (step));
  g_assert_cmpint (json_object_get_int_member (object, "done_steps"), ==, 0);
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&clinic, "treatment_plan.created", plan, clinic.manager_id, "manager"), ==, 1);

  reply = call ("POST", clinic.staff, NULL, "/api/tenant/%s/treatment-plans/%s/steps/%s/done", clinic.tenant, plan, step);
  object = ahi_test_expect_written (&reply, 200, "treatment_plan");
  g_assert_cmpint (json_object_get_int_member (object, "done_steps"), ==, 1);
  g_assert_false (json_object_get_null_member (json_array_get_object_element (json_object_get_array_member (object, "steps"), 1),
                                               "done_at"));
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&clinic, "treatment_plan.step.done", plan, clinic.staff_id, "staff"), ==, 1);
  ahi_test_assert_error (call ("POST", clinic.staff, NULL, "/api/tenant/%s/treatment-plans/%s/steps/%s/done",
                               clinic.tenant, plan, step), 409, "invalid_state");
  ahi_test_assert_error (call ("POST", clinic.staff, NULL, "/api/tenant/%s/treatment-plans/%s/steps/" UNKNOWN "/done",
                               clinic.tenant, plan), 404, "not_found");
  reply = call ("GET", clinic.staff, NULL, "/api/tenant/%s/customers/" C1 "/treatment-plans", clinic.tenant);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_expect (&reply, 200),
                                                                         "treatment_plans")), ==, 1);
  ahi_test_reply_clear (&reply);

  /* Staff: everyone reads, owner and managers manage. */
  ahi_test_assert_error (call ("POST", garage.staff, "{\"display_name\":\"Usta\",\"role\":\"staff\"}",
                               "/api/tenant/%s/staff", garage.tenant), 403, "forbidden");
  ahi_test_assert_error (call ("POST", garage.manager, "{\"display_name\":\"Usta\",\"role\":\"boss\"}",
                               "/api/tenant/%s/staff", garage.tenant), 400, "invalid_value");
  reply = call ("POST", garage.manager, "{\"display_name\":\"Usta Ali\",\"role\":\"staff\",\"skills\":[\"lift\"]}",
                "/api/tenant/%s/staff", garage.tenant);
  object = ahi_test_expect_written (&reply, 201, "staff");
  member = g_strdup (str (object, "staff_id"));
  g_assert_true (json_object_get_boolean_member (object, "active"));
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&garage, "staff.created", member, garage.manager_id, "manager"), ==, 1);

  reply = call ("PATCH", garage.owner, "{\"display_name\":\"Ali Usta\"}", "/api/tenant/%s/staff/%s", garage.tenant, member);
  g_assert_cmpstr (str (ahi_test_expect_written (&reply, 200, "staff"), "display_name"), ==, "Ali Usta");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&garage, "staff.updated", member, garage.owner_id, "owner"), ==, 1);
  ahi_test_assert_error (call ("PATCH", garage.owner, "{\"pin_hash\":\"x\"}", "/api/tenant/%s/staff/%s", garage.tenant, member),
                         400, "unknown_field");
  ahi_test_assert_error (call ("PATCH", garage.staff, "{\"active\":false}", "/api/tenant/%s/staff/%s", garage.tenant, member),
                         403, "forbidden");

  reply = call ("PUT", garage.manager, "{\"intervals\":[{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"12:30\"},"
                "{\"weekday\":1,\"starts\":\"13:30\",\"ends\":\"18:00\"}]}", "/api/tenant/%s/staff/%s/hours", garage.tenant, member);
  object = ahi_test_expect_written (&reply, 200, "staff");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "hours")), ==, 2);
  g_assert_cmpstr (str (json_array_get_object_element (json_object_get_array_member (object, "hours"), 1), "ends"), ==, "18:00");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (count_events (&garage, "staff.hours.set", member, garage.manager_id, "manager"), ==, 1);
  ahi_test_assert_error (call ("PUT", garage.manager, "{\"intervals\":[{\"weekday\":1,\"starts\":\"25:00\",\"ends\":\"26:00\"}]}",
                               "/api/tenant/%s/staff/%s/hours", garage.tenant, member), 400, "invalid_value");
  ahi_test_assert_error (call ("PUT", garage.manager, "{\"intervals\":[]}", "/api/tenant/%s/staff/" UNKNOWN "/hours",
                               garage.tenant), 404, "not_found");

  /* The owner (from sign-up), the manager and the staff member (each
   * account added as a member gets its staff row) and Ali Usta: 1 + 2 +
   * 1 = 4, by the second they joined (the store test checks the order in
   * detail). */
  reply = call ("GET", garage.staff, NULL, "/api/tenant/%s/staff", garage.tenant);
  object = ahi_test_expect (&reply, 200);
  {
    JsonArray *staff = json_object_get_array_member (object, "staff");
    guint owners = 0, found = 0;

    g_assert_cmpuint (json_array_get_length (staff), ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        JsonObject *item = json_array_get_object_element (staff, i);

        if (i > 0)
          g_assert_cmpstr (str (json_array_get_object_element (staff, i - 1), "created_at"), <=, str (item, "created_at"));
        owners += g_str_equal (str (item, "role"), "owner");
        found += g_str_equal (str (item, "staff_id"), member);
      }
    g_assert_cmpuint (owners, ==, 1);
    g_assert_cmpuint (found, ==, 1);
  }
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("GET", clinic.owner, NULL, "/api/tenant/%s/staff", garage.tenant), 404, "not_found");

  business_clear (&garage);
  business_clear (&clinic);
}

/* -------------------------------------------------------- health notes */

static void
test_health_notes (void)
{
  Business clinic = { 0 }, salon = { 0 };
  AhiTestReply reply;
  JsonObject *object;
  JsonArray *notes;

  business_new (&clinic, "dental_esthetic", "clinic3");
  business_new (&salon, "hair_beauty", "salon3");

  reply = call ("POST", clinic.owner, "{\"customer_id\":\"" C1 "\",\"full_name\":\"Selin Kaya\",\"phone\":\"+905321234000\","
                "\"birth_date\":\"1990-04-01\",\"source\":\"phone\"}", "/api/tenant/%s/customers", clinic.tenant);
  ahi_test_expect_written (&reply, 201, "customer");
  ahi_test_reply_clear (&reply);

  /* The dental blueprint also wants a birth date. */
  ahi_test_assert_error (call ("POST", clinic.owner, "{\"full_name\":\"Ali\",\"phone\":\"+905321234001\",\"source\":\"phone\"}",
                               "/api/tenant/%s/customers", clinic.tenant), 422, "unprocessable");

  /* Front-desk staff may write a general note, not a health note. */
  reply = call ("POST", clinic.staff, "{\"kind\":\"general\",\"text\":\"Sabah randevusu ister\"}",
                "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant);
  object = ahi_test_expect_written (&reply, 201, "note");
  g_assert_cmpstr (str (object, "created_by"), ==, clinic.staff_id);
  g_assert_cmpuint (count_events (&clinic, "crm.note.created", str (object, "note_id"), clinic.staff_id, "staff"), ==, 1);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (call ("POST", clinic.staff, "{\"kind\":\"health\",\"text\":\"Alerji\"}",
                               "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant), 403, "forbidden");
  ahi_test_assert_error (call ("POST", clinic.staff, "{\"kind\":\"secret\",\"text\":\"x\"}",
                               "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant), 400, "invalid_value");
  ahi_test_assert_error (call ("POST", clinic.staff, "{\"kind\":\"general\",\"text\":\"x\",\"customer_id\":\"" C1 "\"}",
                               "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant), 400, "unknown_field");

  /* The manager writes one: the answer holds it, so it is a read. */
  reply = call ("POST", clinic.manager, "{\"kind\":\"health\",\"text\":\"Penisilin alerjisi\"}",
                "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant);
  object = ahi_test_expect_written (&reply, 201, "note");
  g_assert_cmpstr (str (object, "text"), ==, "Penisilin alerjisi");
  g_assert_cmpuint (count_events (&clinic, "crm.note.created", str (object, "note_id"), clinic.manager_id, "manager"), ==, 1);
  ahi_test_reply_clear (&reply);

  /* Staff read the general note only: no health note, nothing audited. */
  reply = call ("GET", clinic.staff, NULL, "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant);
  notes = json_object_get_array_member (ahi_test_expect (&reply, 200), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (notes, 0), "kind"), ==, "general");
  ahi_test_reply_clear (&reply);

  /* The owner reads both, oldest first. */
  reply = call ("GET", clinic.owner, NULL, "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant);
  notes = json_object_get_array_member (ahi_test_expect (&reply, 200), "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 2);
  g_assert_cmpstr (str (json_array_get_object_element (notes, 1), "text"), ==, "Penisilin alerjisi");
  ahi_test_reply_clear (&reply);

  /* Audit through "api": the manager's answer (1) and the owner's (1);
   * the staff member's answer held no health note: 2 rows. (The owner's
   * sync pull that checked the note's event is audited too, as "pull".) */
  {
    g_autofree char *manager_reads = g_strdup_printf ("SELECT count(*) FROM health_note_reads WHERE customer_id = '" C1 "'"
                                                      " AND user_id = '%s' AND role = 'manager' AND channel = 'api'",
                                                      clinic.manager_id);
    g_autofree char *owner_reads = g_strdup_printf ("SELECT count(*) FROM health_note_reads WHERE customer_id = '" C1 "'"
                                                    " AND user_id = '%s' AND role = 'owner' AND channel = 'api'",
                                                    clinic.owner_id);

    g_assert_cmpint (tenant_int (&clinic, "SELECT count(*) FROM health_note_reads WHERE channel = 'api'"), ==, 2);
    g_assert_cmpint (tenant_int (&clinic, "SELECT count(*) FROM health_note_reads WHERE channel = 'api'"
                                          " AND role = 'staff'"), ==, 0);
    g_assert_cmpint (tenant_int (&clinic, manager_reads), ==, 1);
    g_assert_cmpint (tenant_int (&clinic, owner_reads), ==, 1);
  }

  /* Another business's owner: the patient does not exist. */
  ahi_test_assert_error (call ("GET", salon.owner, NULL, "/api/tenant/%s/customers/" C1 "/notes", clinic.tenant),
                         404, "not_found");

  /* A hair salon is not in healthcare mode: staff read a "health" note
   * (e.g. a hair-dye allergy) and nothing is audited. */
  reply = call ("POST", salon.owner, "{\"customer_id\":\"" C1 "\",\"full_name\":\"Deniz Ak\",\"phone\":\"+905321234002\","
                "\"source\":\"phone\"}", "/api/tenant/%s/customers", salon.tenant);
  ahi_test_expect_written (&reply, 201, "customer");
  ahi_test_reply_clear (&reply);
  reply = call ("POST", salon.staff, "{\"kind\":\"health\",\"text\":\"Boya alerjisi\"}",
                "/api/tenant/%s/customers/" C1 "/notes", salon.tenant);
  ahi_test_expect_written (&reply, 201, "note");
  ahi_test_reply_clear (&reply);
  reply = call ("GET", salon.staff, NULL, "/api/tenant/%s/customers/" C1 "/notes", salon.tenant);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_expect (&reply, 200), "notes")), ==, 1);
  ahi_test_reply_clear (&reply);
  g_assert_cmpint (tenant_int (&salon, "SELECT count(*) FROM health_note_reads"), ==, 0);

  business_clear (&clinic);
  business_clear (&salon);
}

/* ---------------------------------------------------------- roles table */

static char *
created_id (const char *method,
            const char *path,
            const char *token,
            const char *body,
            const char *entity,
            const char *member)
{
  AhiTestReply reply = ahi_test_call (&server, method, path, token, body);
  char *id = g_strdup (str (ahi_test_expect_written (&reply, 201, entity), member));

  ahi_test_reply_clear (&reply);
  return id;
}

/* A fresh thing of the business (made by its owner) for each request, so
 * that every caller's request is valid on its own: an erasure or a step
 * done by the owner leaves the manager's one to do. */
static char *
make (Business   *b,
      const char *placeholder,
      const char *customer,
      char      **out_step)
{
  g_autofree char *path = NULL;
  g_autofree char *own_customer = NULL;

  /* A vehicle or plan named by its own id still needs its customer. */
  if (customer == NULL && !g_str_equal (placeholder, ":customerId") && !g_str_equal (placeholder, ":staffId"))
    customer = own_customer = make (b, ":customerId", NULL, NULL);

  if (g_str_equal (placeholder, ":customerId"))
    {
      path = g_strdup_printf ("/api/tenant/%s/customers", b->tenant);
      return created_id ("POST", path, b->owner, "{\"full_name\":\"Matris Hasta\",\"phone\":\"+905320000099\","
                         "\"birth_date\":\"1990-01-01\",\"source\":\"phone\"}", "customer", "customer_id");
    }
  if (g_str_equal (placeholder, ":vehicleId"))
    {
      path = g_strdup_printf ("/api/tenant/%s/customers/%s/vehicles", b->tenant, customer);
      return created_id ("POST", path, b->owner, "{\"plate\":\"34 M 99\"}", "vehicle", "vehicle_id");
    }
  if (g_str_equal (placeholder, ":planId"))
    {
      AhiTestReply reply;
      char *plan;

      path = g_strdup_printf ("/api/tenant/%s/customers/%s/treatment-plans", b->tenant, customer);
      reply = ahi_test_call (&server, "POST", path, b->owner, "{\"title\":\"Plan\",\"steps\":[{\"label\":\"Adım\"}]}");
      JsonObject *made = ahi_test_expect_written (&reply, 201, "treatment_plan");

      plan = g_strdup (str (made, "plan_id"));
      *out_step = g_strdup (str (json_array_get_object_element (json_object_get_array_member (made, "steps"), 0),
                                 "step_id"));
      ahi_test_reply_clear (&reply);
      return plan;
    }
  if (g_str_equal (placeholder, ":consentId"))
    {
      path = g_strdup_printf ("/api/tenant/%s/customers/%s/consents", b->tenant, customer);
      return created_id ("POST", path, b->owner, "{\"purpose\":\"marketing\",\"channel\":\"sms\","
                         "\"source\":\"in_person\",\"iys_state\":\"pending\"}", "consent", "consent_id");
    }
  if (g_str_equal (placeholder, ":staffId"))
    {
      path = g_strdup_printf ("/api/tenant/%s/staff", b->tenant);
      return created_id ("POST", path, b->owner, "{\"display_name\":\"Matris\",\"role\":\"staff\"}", "staff", "staff_id");
    }
  g_error ("No fixture for %s", placeholder);
}

/* A valid request for the route: the path with fresh ids, and a body. */
static void
valid_request (Business    *b,
               const char  *method,
               const char  *pattern,
               char       **out_path,
               char       **out_body)
{
  g_auto(GStrv) segments = g_strsplit (pattern, "/", -1);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *customer = NULL;
  g_autofree char *step = NULL;
  const char *tail = NULL;
  const char *body = NULL;

  for (guint i = 1; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];
      g_autofree char *made = NULL;

      g_string_append_c (path, '/');
      if (g_str_equal (segment, ":id"))
        g_string_append (path, b->tenant);
      else if (g_str_equal (segment, ":stepId"))
        g_string_append (path, step);
      else if (segment[0] == ':')
        {
          made = make (b, segment, customer, &step);
          if (g_str_equal (segment, ":customerId"))
            customer = g_strdup (made);
          g_string_append (path, made);
        }
      else
        {
          g_string_append (path, segment);
          tail = segment;
        }
    }

  if (g_str_equal (method, "POST") && g_str_equal (tail, "customers"))
    body = "{\"full_name\":\"Yeni Hasta\",\"phone\":\"+905320000098\",\"birth_date\":\"1991-02-03\",\"source\":\"online\"}";
  else if (g_str_equal (method, "PATCH") && g_str_equal (tail, "customers"))
    body = "{\"city\":\"Şişli\"}";
  else if (g_str_equal (tail, "erase"))
    body = "{\"reason\":\"KVKK talebi\"}";
  else if (g_str_equal (method, "POST") && g_str_equal (tail, "notes"))
    body = "{\"kind\":\"general\",\"text\":\"Not\"}";
  else if (g_str_equal (method, "POST") && g_str_equal (tail, "vehicles"))
    body = "{\"plate\":\"06 AB 12\"}";
  else if (g_str_equal (method, "PATCH") && g_str_equal (tail, "vehicles"))
    body = "{\"km\":1200}";
  else if (g_str_equal (method, "POST") && g_str_equal (tail, "treatment-plans"))
    body = "{\"title\":\"Dolgu\",\"steps\":[{\"label\":\"Seans 1\"}]}";
  else if (g_str_equal (method, "POST") && g_str_equal (tail, "staff"))
    body = "{\"display_name\":\"Yeni\",\"role\":\"staff\"}";
  else if (g_str_equal (method, "PATCH") && g_str_equal (tail, "staff"))
    body = "{\"active\":true}";
  else if (g_str_equal (method, "POST") && g_str_equal (tail, "consents"))
    body = "{\"purpose\":\"marketing\",\"channel\":\"whatsapp\",\"source\":\"paper_form\",\"iys_state\":\"pending\"}";
  else if (g_str_equal (tail, "withdraw"))
    body = "{\"source\":\"phone\"}";
  else if (g_str_equal (tail, "iys-state"))
    body = "{\"iys_state\":\"registered\"}";
  else if (g_str_equal (tail, "hours"))
    body = "{\"intervals\":[{\"weekday\":3,\"starts\":\"10:00\",\"ends\":\"16:00\"}]}";
  else
    g_assert_true (g_str_equal (method, "GET") || g_str_equal (tail, "done"));

  *out_path = g_string_free (g_steal_pointer (&path), FALSE);
  *out_body = g_strdup (body);
}

/* Every row of the roles table of docs/api-people.md, asserted for each
 * role of a clinic with a valid request: a success cell comes back
 * exactly. (test-matrix asserts the no-token and other-business columns
 * of every table.) */
static void
test_roles_table (void)
{
  Business clinic = { 0 };

  business_new (&clinic, "dental_esthetic", "matrix");
  {
    const char *tokens[] = { clinic.owner, clinic.manager, clinic.staff };

    /* The area serves 17 routes (people_routes) and 4 of consents; each
     * has its row. */
    ahi_test_assert_roles (&server, "api-people.md", tokens, (AhiTestValidRequest) valid_request, &clinic, 21);
  }
  business_clear (&clinic);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-people-XXXXXX", NULL);
  ahi_test_server_init (data_dir);
  ahi_test_server_start (&server);

  g_test_add_func ("/server/people/customers", test_customers);
  g_test_add_func ("/server/people/records-and-staff", test_records_and_staff);
  g_test_add_func ("/server/people/health-notes", test_health_notes);
  g_test_add_func ("/server/people/roles-table", test_roles_table);
  status = g_test_run ();

  ahi_test_server_stop (&server);
  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
