/* test-bad-input.c — hostile and broken requests against a real ahi-server
 *
 * Malformed JSON, wrong types, duplicate keys, bodies over the cap,
 * invalid UTF-8 and NUL bytes, bad ids and dates, SQL-looking strings,
 * path-like ids, expired, revoked and foreign tokens, a login flood. Each
 * must get the JSON error of its status and code (docs/api.md), and after
 * each the server must still answer /api/health and the tenant's log must
 * hold exactly what it held before: counted through sync/pull while the
 * server runs, and in the tenant's file once it is stopped.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ahi-test-tenant.h"

#include "core/ahi-core.h"

#define PASSWORD "çok-gizli-parola"
#define CUSTOMER "01900000-0000-7000-8000-0000000000c1"
#define SQL_NAME "'); DROP TABLE customers;--"
#define MIB      (1024 * 1024)

static char        *data_dir;
static SoupSession *raw_session;   /* for bodies with NUL bytes */

/* A salon (A) with its owner logged in on one device, and a clinic (B)
 * whose owner is the foreign caller. */
typedef struct {
  AhiTestServer server;
  char         *tenant;
  char         *user;
  char         *token;
  char         *device;
  char         *other_tenant;
  char         *other_token;
  gint64        boot;       /* A's log rows after sign-up */
} World;

/* ------------------------------------------------------------- helpers */

/* A request whose body may hold any byte, NUL included (ahi_test_call()
 * measures its body with strlen). */
static AhiTestReply
call_bytes (World      *w,
            const char *method,
            const char *path,
            const char *data,
            gsize       length)
{
  g_autofree char *uri = g_strconcat (w->server.base, path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", w->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) body = g_bytes_new (data, length);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  AhiTestReply reply = { 0 };
  gsize answer_length = 0;
  const char *answer_data;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  answer = soup_session_send_and_read (raw_session, msg, NULL, &error);
  g_assert_no_error (error);
  reply.status = soup_message_get_status (msg);
  answer_data = g_bytes_get_data (answer, &answer_length);
  g_assert_true (json_parser_load_from_data (parser, answer_data, answer_length, NULL));
  reply.body = json_node_copy (json_parser_get_root (parser));
  return reply;
}

/* The events of A's log and the device's last seq, through sync/pull. */
static void
log_state (World  *w,
           gint64 *out_events,
           gint64 *out_last_seq)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/sync/pull?after=0&limit=1000", w->tenant);
  AhiTestReply reply = ahi_test_call (&w->server, "GET", path, w->token, NULL);
  JsonObject *page;

  g_assert_cmpuint (reply.status, ==, 200);
  page = ahi_test_reply_object (&reply);
  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  *out_events = json_array_get_length (json_object_get_array_member (page, "events"));
  *out_last_seq = json_object_get_int_member (page, "last_seq");
  ahi_test_reply_clear (&reply);
}

/* The server still serves, and A's log holds events rows, the device's
 * last seq is last_seq. */
static void
assert_unchanged (World  *w,
                  gint64  events,
                  gint64  last_seq)
{
  AhiTestReply reply = ahi_test_call (&w->server, "GET", "/api/health", NULL, NULL);
  gint64 now_events = 0, now_last = 0;

  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (json_object_get_boolean_member (ahi_test_reply_object (&reply), "ok"));
  ahi_test_reply_clear (&reply);

  log_state (w, &now_events, &now_last);
  g_assert_cmpint (now_events, ==, events);
  g_assert_cmpint (now_last, ==, last_seq);
}

static void
world_start (World      *w,
             const char *tag)
{
  g_autofree char *email_a = g_strdup_printf ("isil-%s@example.com", tag);
  g_autofree char *email_b = g_strdup_printf ("selin-%s@example.com", tag);
  gint64 last_seq = 0;

  ahi_test_server_start (&w->server);
  w->tenant = ahi_test_sign_up (&w->server, NULL, NULL, "hair_beauty", email_a, PASSWORD, &w->user);
  w->token = ahi_test_login (&w->server, email_a, PASSWORD, &w->device);
  w->other_tenant = ahi_test_sign_up (&w->server, NULL, NULL, "dental_esthetic", email_b, PASSWORD, NULL);
  w->other_token = ahi_test_login (&w->server, email_b, PASSWORD, NULL);
  log_state (w, &w->boot, &last_seq);
  g_assert_cmpint (w->boot, >, 0);
  g_assert_cmpint (last_seq, ==, 0);
}

static void
world_clear (World *w)
{
  g_free (w->tenant);
  g_free (w->user);
  g_free (w->token);
  g_free (w->device);
  g_free (w->other_tenant);
  g_free (w->other_token);
}

/* One integer from A's database file, read with the server stopped. */
static gint64
file_count (World      *w,
            const char *sql)
{
  return ahi_test_tenant_int (data_dir, w->tenant, sql);
}

/* Every name under dir, sorted, one a line: what the data dir holds. */
static void
list_tree (const char *dir,
           const char *prefix,
           GPtrArray  *out)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *shown = g_strconcat (prefix, name, NULL);

      g_ptr_array_add (out, g_strdup (shown));
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *sub = g_strconcat (shown, "/", NULL);
          list_tree (path, sub, out);
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
data_dir_listing (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  list_tree (data_dir, "", names);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* ----------------------------------------------------- bodies refused */

static void
test_bodies (void)
{
  World w = { 0 };
  g_autofree char *push = NULL, *members = NULL, *listing = NULL, *listing_after = NULL;
  g_autofree char *good_event = NULL;
  /* Each route that reads a body, with a body of the right shape. */
  const char *routes[3];

  world_start (&w, "bodies");
  push = g_strdup_printf ("/api/tenant/%s/sync/push", w.tenant);
  members = g_strdup_printf ("/api/tenant/%s/members", w.tenant);
  routes[0] = "/api/signup";
  routes[1] = members;
  routes[2] = push;
  good_event = ahi_test_event_text (w.tenant, w.device, w.user, 1, "customer.created", "customer", CUSTOMER,
                                    "2026-12-01T07:00:00Z", "{\"source\":\"walk_in\"}",
                                    "{\"full_name\":\"Ömer Aydın\"}", NULL);
  listing = data_dir_listing ();

  /* Malformed JSON, on every route that reads a body. */
  {
    static const char * const broken[] = {
      "{\"email\":", "{\"email\":\"a@b.c\"} trailing", "{'email':'a@b.c'}", "/* hi */ {}",
      "{\"email\":\"a@b.c\",}", "", "[]", "\"just a string\"", "{\"a\":tru}",
    };

    for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
      for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
        ahi_test_assert_error (ahi_test_call (&w.server, "POST", routes[r], w.token, broken[i]), 400, "invalid_json");
  }

  /* Wrong types: a number for a string, an object for the events array,
   * a string for a device_seq. */
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/signup", NULL,
                                        "{\"business_name\":\"B\",\"sector\":\"hair_beauty\",\"email\":5,"
                                        "\"password\":\"parola-parola\",\"owner_name\":\"B\"}"),
                         400, "bad_request");
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":[\"isil-bodies@example.com\"],\"password\":\"" PASSWORD "\"}"),
                         400, "bad_request");
  {
    g_autofree char *device_number = g_strdup ("{\"device_id\":7,\"events\":[]}");
    g_autofree char *events_object = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":{}}", w.device);
    g_autofree char *seq_string = ahi_test_push_body (w.device, "{\"device_seq\":\"1\"}");
    g_autofree char *fraction = ahi_test_push_body (w.device, "{\"device_seq\":1.0}");
    g_autofree char *overflow = ahi_test_push_body (w.device, "{\"device_seq\":9223372036854775808}");

    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, device_number), 400, "bad_request");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, events_object), 400, "bad_request");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, seq_string), 400, "wrong_type");
    /* The strict reader refuses these before any event is looked at. */
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, fraction), 400, "wrong_type");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, overflow), 400, "out_of_range");
  }

  /* Duplicate keys: at the top of a body, and deep inside a pushed event
   * (the whole body is refused, the good event with it). */
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"isil-bodies@example.com\",\"password\":\"x\","
                                        "\"email\":\"selin-bodies@example.com\"}"),
                         400, "duplicate_key");
  {
    g_autofree char *twice = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[],\"events\":[%s]}", w.device, good_event);
    g_autofree char *inner = ahi_test_event_text (w.tenant, w.device, w.user, 1, "customer.created", "customer",
                                                  CUSTOMER, "2026-12-01T07:00:00Z",
                                                  "{\"source\":\"walk_in\",\"source\":\"phone\"}",
                                                  "{\"full_name\":\"Ömer Aydın\"}", NULL);
    g_autofree char *events_text = g_strconcat (inner, NULL);
    g_autofree char *deep = ahi_test_push_body (w.device, events_text);

    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, twice), 400, "duplicate_key");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, deep), 400, "duplicate_key");
  }

  /* Nested 33 deep, one more than the reader allows: 413 before any
   * recursion can run away. */
  {
    g_autofree char *open = g_strnfill (32, '[');
    g_autofree char *close = g_strnfill (32, ']');
    g_autofree char *deep = g_strdup_printf ("{\"device_id\":\"x\",\"events\":%s%s}", open, close);

    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, deep), 413, "too_large");
  }

  /* 1 MiB bodies: a well-formed push whose events carry a long string,
   * and a sign-up with a long name. The cap is 64 KiB. */
  {
    g_autofree char *filler = g_strnfill (MIB, 'a');
    g_autofree char *big_push = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[],\"x\":\"%s\"}", w.device, filler);
    g_autofree char *big_signup = g_strdup_printf ("{\"business_name\":\"%s\",\"sector\":\"hair_beauty\","
                                                   "\"email\":\"big@example.com\",\"password\":\"parola-parola\","
                                                   "\"owner_name\":\"B\"}", filler);

    g_assert_cmpuint (strlen (big_push), >, MIB);
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, big_push), 413, "too_large");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/signup", NULL, big_signup), 413, "too_large");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", members, w.token, big_signup), 413, "too_large");
  }

  /* A push may be bigger than other bodies (a batch of events of up to
   * 64 KiB each): 200 KiB passes the push cap of 1 MiB, and the same size
   * is refused anywhere else. */
  {
    g_autofree char *filler = g_strnfill (200 * 1024, 'a');
    g_autofree char *push_body = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[],\"x\":\"%s\"}", w.device, filler);
    g_autofree char *signup_body = g_strdup_printf ("{\"business_name\":\"%s\",\"sector\":\"hair_beauty\","
                                                    "\"email\":\"big@example.com\",\"password\":\"parola-parola\","
                                                    "\"owner_name\":\"B\"}", filler);
    AhiTestReply reply = ahi_test_call (&w.server, "POST", push, w.token, push_body);

    g_assert_cmpuint (reply.status, ==, 200);
    ahi_test_reply_clear (&reply);
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/signup", NULL, signup_body), 413, "too_large");
  }

  /* Invalid UTF-8: an overlong '/', a lone continuation byte, a UTF-16
   * surrogate written as UTF-8, and an escaped lone surrogate. */
  {
    static const char * const bad_text[] = { "\xC0\xAF", "\x80", "\xED\xA0\x80", "\\ud800" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_text); i++)
      {
        g_autofree char *signup = g_strdup_printf ("{\"business_name\":\"I%sl\",\"sector\":\"hair_beauty\","
                                                   "\"email\":\"utf@example.com\",\"password\":\"parola-parola\","
                                                   "\"owner_name\":\"B\"}", bad_text[i]);
        g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[],\"note\":\"%s\"}", w.device, bad_text[i]);

        ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/signup", NULL, signup), 400, "invalid_utf8");
        ahi_test_assert_error (ahi_test_call (&w.server, "POST", push, w.token, body), 400, "invalid_utf8");
      }
  }

  /* NUL: raw in a string, escaped, and raw between members (which is
   * simply not JSON). */
  {
    static const char raw[] = "{\"email\":\"a\0b@example.com\",\"password\":\"x\"}";
    static const char between[] = "{\"email\":\"a@example.com\",\0\"password\":\"x\"}";

    ahi_test_assert_error (call_bytes (&w, "POST", "/api/login", raw, sizeof raw - 1), 400, "nul_in_string");
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                          "{\"email\":\"a\\u0000b@example.com\",\"password\":\"x\"}"),
                           400, "nul_in_string");
    ahi_test_assert_error (call_bytes (&w, "POST", "/api/login", between, sizeof between - 1), 400, "invalid_json");
  }

  /* Nothing of it was written: A's log holds its bootstrap, the device
   * never pushed, no e-mail of the refused sign-ups got an account, and
   * no file appeared or went. */
  assert_unchanged (&w, w.boot, 0);
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"big@example.com\",\"password\":\"parola-parola\"}"),
                         401, "invalid_credentials");
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"utf@example.com\",\"password\":\"parola-parola\"}"),
                         401, "invalid_credentials");
  listing_after = data_dir_listing ();
  g_assert_cmpstr (listing_after, ==, listing);

  ahi_test_server_stop (&w.server);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM tenant_event_logs"), ==, w.boot);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM sync_answers"), ==, 0);
  world_clear (&w);
}

/* ---------------------------------------------- events refused, values */

typedef struct {
  const char *what;
  const char *type;
  const char *entity;
  const char *entity_id;
  const char *occurred_at;
  const char *payload;
  const char *pii;
  const char *extra;
  const char *path;        /* the answer's message starts with "<path>:" */
} BadEvent;

static void
test_events_and_values (void)
{
  World w = { 0 };
  g_autoptr(GString) events = g_string_new (NULL);
  g_autofree char *push = NULL, *body = NULL, *sql_event = NULL, *sql_body = NULL, *path = NULL;
  static const BadEvent bad[] = {
    { "unknown envelope member", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00Z",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\"}", ",\"admin\":true", "admin" },
    { "unknown payload field", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00Z",
      "{\"source\":\"walk_in\",\"balance\":100}", "{\"full_name\":\"Ömer\"}", NULL, "payload.balance" },
    { "wrong type", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00Z",
      "{\"source\":7}", "{\"full_name\":\"Ömer\"}", NULL, "payload.source" },
    { "bad entity id", "customer.created", "customer", "../../control.db", "2026-12-01T07:00:00Z",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\"}", NULL, "entity_id" },
    { "upper-case id", "customer.created", "customer", "01900000-0000-7000-8000-0000000000C1", "2026-12-01T07:00:00Z",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\"}", NULL, "entity_id" },
    { "no such day", "customer.created", "customer", CUSTOMER, "2026-02-30T07:00:00Z",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\"}", NULL, "occurred_at" },
    { "not UTC", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00+03:00",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\"}", NULL, "occurred_at" },
    { "bad birth date", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00Z",
      "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ömer\",\"birth_date\":\"1990-13-01\"}", NULL, "pii.birth_date" },
    { "SQL as an enum value", "customer.created", "customer", CUSTOMER, "2026-12-01T07:00:00Z",
      "{\"source\":\"" SQL_NAME "\"}", "{\"full_name\":\"Ömer\"}", NULL, "payload.source" },
  };
  const gint64 n_bad = G_N_ELEMENTS (bad);
  JsonArray *answers;
  AhiTestReply reply;

  world_start (&w, "events");
  push = g_strdup_printf ("/api/tenant/%s/sync/push", w.tenant);

  /* One batch, seq 1..n_bad, each event wrong in one way: every one is
   * rejected as invalid_event naming its field, the queue moves on (last
   * seq n_bad) and the log gains nothing. */
  for (gint64 i = 0; i < n_bad; i++)
    {
      g_autofree char *text = ahi_test_event_text (w.tenant, w.device, w.user, i + 1, bad[i].type, bad[i].entity,
                                                   bad[i].entity_id, bad[i].occurred_at, bad[i].payload, bad[i].pii,
                                                   bad[i].extra);
      g_string_append_printf (events, "%s%s", i > 0 ? "," : "", text);
    }
  body = ahi_test_push_body (w.device, events->str);
  reply = ahi_test_call (&w.server, "POST", push, w.token, body);
  g_assert_cmpuint (reply.status, ==, 200);
  answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, n_bad);
  for (gint64 i = 0; i < n_bad; i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);
      g_autofree char *prefix = g_strconcat (bad[i].path, ":", NULL);
      const char *message = json_object_get_string_member (answer, "message");

      g_test_message ("%s: %s", bad[i].what, message);
      g_assert_cmpint (json_object_get_int_member (answer, "device_seq"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
      g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "invalid_event");
      g_assert_true (g_str_has_prefix (message, prefix));
      g_assert_false (json_object_has_member (answer, "server_seq"));
    }
  ahi_test_reply_clear (&reply);
  assert_unchanged (&w, w.boot, n_bad);

  /* A SQL-looking name is a name: stored as sent, found as sent, and the
   * customers table is still there to find it in. The log grows by that
   * one event: boot + 1. */
  sql_event = ahi_test_event_text (w.tenant, w.device, w.user, n_bad + 1, "customer.created", "customer", CUSTOMER,
                                   "2026-12-01T07:00:00Z", "{\"source\":\"walk_in\",\"tags\":[\"" SQL_NAME "\"]}",
                                   "{\"full_name\":\"" SQL_NAME "\"}", NULL);
  sql_body = ahi_test_push_body (w.device, sql_event);
  reply = ahi_test_call (&w.server, "POST", push, w.token, sql_body);
  g_assert_cmpuint (reply.status, ==, 200);
  answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "status"), ==, "accepted");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (answers, 0), "server_seq"), ==, w.boot + 1);
  ahi_test_reply_clear (&reply);

  path = g_strdup_printf ("/api/tenant/%s/customers?q=DROP", w.tenant);
  reply = ahi_test_call (&w.server, "GET", path, w.token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  {
    JsonArray *hits = json_object_get_array_member (ahi_test_reply_object (&reply), "customers");

    g_assert_cmpuint (json_array_get_length (hits), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hits, 0), "full_name"), ==, SQL_NAME);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hits, 0), "customer_id"), ==, CUSTOMER);
  }
  ahi_test_reply_clear (&reply);

  /* SQL in a query parameter and in a login: answered, not run. */
  g_free (path);
  path = g_strdup_printf ("/api/tenant/%s/customers?q=%%27%%29%%3B%%20DROP%%20TABLE%%20customers%%3B--", w.tenant);
  reply = ahi_test_call (&w.server, "GET", path, w.token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"' OR '1'='1\",\"password\":\"' OR '1'='1\"}"),
                         401, "invalid_credentials");

  /* Bad dates in a query: no such month, a date without a time, from
   * after to. */
  {
    static const char * const ranges[] = {
      "from=2026-13-01T00:00:00Z&to=2026-12-01T00:00:00Z",
      "from=2026-11-01&to=2026-12-01T00:00:00Z",
      "from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z",
      "from=%27%3B--&to=2026-12-01T00:00:00Z",
    };

    for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
      {
        g_autofree char *revenue = g_strdup_printf ("/api/tenant/%s/revenue/summary?%s", w.tenant, ranges[i]);
        ahi_test_assert_error (ahi_test_call (&w.server, "GET", revenue, w.token, NULL), 400, "bad_request");
      }
  }

  assert_unchanged (&w, w.boot + 1, n_bad + 1);
  ahi_test_server_stop (&w.server);

  /* In the file: boot + 1 log rows, n_bad + 1 answers of which one
   * accepted, the customer's row with the name as sent. */
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM tenant_event_logs"), ==, w.boot + 1);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM sync_answers"), ==, n_bad + 1);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM sync_answers WHERE status = 'accepted'"), ==, 1);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM event_pii WHERE pii LIKE '%DROP TABLE customers%'"), ==, 1);
  world_clear (&w);
}

/* ------------------------------------------ paths, ids, foreign tokens */

static void
test_paths_and_tokens (void)
{
  World w = { 0 };
  g_autofree char *listing = NULL, *listing_after = NULL, *upper = NULL;
  g_autofree char *logout_token = NULL;
  /* Every tenant route of this test: what follows /api/tenant/ID. */
  static const struct { const char *method; const char *rest; const char *body; } routes[] = {
    { "GET", "/customers", NULL },
    { "GET", "/blueprint", NULL },
    { "GET", "/command-center", NULL },
    { "GET", "/revenue/summary?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", NULL },
    { "GET", "/sync/pull?after=0", NULL },
    { "POST", "/sync/push", "{\"device_id\":\"x\",\"events\":[]}" },
    { "POST", "/members",
      "{\"email\":\"m@example.com\",\"password\":\"parola-parola\",\"display_name\":\"M\",\"role\":\"staff\"}" },
  };
  /* Ids that are no tenant's, some shaped like paths. libsoup turns a
   * "%2F" into "/" before routing, so those become extra segments no
   * route has. */
  static const char * const not_ids[] = {
    "not-an-id", "control", "control.db", "..", "..%2F..%2Fcontrol.db", "%2E%2E%2F%2E%2E%2Fcontrol.db",
    "01900000-0000-7000-8000-000000000000", "01900000-0000-7000-8000-000000000000.db",
    "%27%29%3B%20DROP%20TABLE%20tenants%3B--",
  };

  world_start (&w, "paths");
  listing = data_dir_listing ();
  upper = g_ascii_strup (w.tenant, -1);

  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      g_autofree char *own = g_strconcat ("/api/tenant/", w.tenant, routes[r].rest, NULL);
      g_autofree char *other = g_strconcat ("/api/tenant/", w.other_tenant, routes[r].rest, NULL);
      g_autofree char *shouted = g_strconcat ("/api/tenant/", upper, routes[r].rest, NULL);

      /* A foreign token, either way round, and an id in capitals: 404,
       * exactly as for an id that does not exist. */
      ahi_test_assert_error (ahi_test_call (&w.server, routes[r].method, own, w.other_token, routes[r].body),
                             404, "not_found");
      ahi_test_assert_error (ahi_test_call (&w.server, routes[r].method, other, w.token, routes[r].body),
                             404, "not_found");
      ahi_test_assert_error (ahi_test_call (&w.server, routes[r].method, shouted, w.token, routes[r].body),
                             404, "not_found");
      /* No token, or one that is not a token: 401. */
      ahi_test_assert_error (ahi_test_call (&w.server, routes[r].method, own, NULL, routes[r].body),
                             401, "unauthorized");
      ahi_test_assert_error (ahi_test_call (&w.server, routes[r].method, own, "'; DROP TABLE tokens;--", routes[r].body),
                             401, "unauthorized");

      for (guint i = 0; i < G_N_ELEMENTS (not_ids); i++)
        {
          g_autofree char *bad = g_strconcat ("/api/tenant/", not_ids[i], routes[r].rest, NULL);
          AhiTestReply reply = ahi_test_call (&w.server, routes[r].method, bad, w.token, routes[r].body);

          /* 404 (no such business, or no such route for an id that
           * became several segments), or 400 where libsoup refuses the
           * path itself. Never an answer, never a file. */
          g_test_message ("%s %s → %u", routes[r].method, bad, reply.status);
          g_assert_true (reply.status == 404 || reply.status == 400);
          ahi_test_reply_clear (&reply);
        }
    }

  /* The path-like ids the issue names, on their own. A file name is no
   * business of ours: 404 with a JSON error from our router. An encoded
   * "../" never reaches the router: libsoup answers 400 itself (and the
   * server logs no request). */
  ahi_test_assert_error (ahi_test_call (&w.server, "GET", "/api/tenant/control.db/customers", w.token, NULL),
                         404, "not_found");
  {
    AhiTestReply reply = ahi_test_call (&w.server, "GET", "/api/tenant/..%2F..%2Fcontrol.db/customers", w.token, NULL);

    g_assert_cmpuint (reply.status, ==, 400);
    ahi_test_reply_clear (&reply);
  }

  /* Logout revokes: the token that worked a moment ago is now 401. */
  logout_token = ahi_test_login (&w.server, "isil-paths@example.com", PASSWORD, NULL);
  {
    g_autofree char *path = g_strdup_printf ("/api/tenant/%s/blueprint", w.tenant);
    AhiTestReply reply = ahi_test_call (&w.server, "GET", path, logout_token, NULL);

    g_assert_cmpuint (reply.status, ==, 200);
    ahi_test_reply_clear (&reply);
    reply = ahi_test_call (&w.server, "POST", "/api/logout", logout_token, NULL);
    g_assert_cmpuint (reply.status, ==, 204);
    ahi_test_reply_clear (&reply);
    ahi_test_assert_error (ahi_test_call (&w.server, "GET", path, logout_token, NULL), 401, "unauthorized");
  }

  assert_unchanged (&w, w.boot, 0);
  listing_after = data_dir_listing ();
  g_assert_cmpstr (listing_after, ==, listing);
  ahi_test_server_stop (&w.server);
  g_assert_cmpint (file_count (&w, "SELECT count(*) FROM tenant_event_logs"), ==, w.boot);
  world_clear (&w);
}

/* ---------------------------------------------------- the clock, floods */

/* The tests stop the server's clock with --fixed-clock; a restart with
 * a later time is the same data seen later. An access token lives 15
 * minutes (AHI_ACCESS_TOKEN_TTL = 900 s): at issue + 899 it works, at
 * issue + 900 it is expired, and the refresh token renews it. */
static void
test_expired_token (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *tenant = NULL, *token = NULL, *refresh = NULL, *path = NULL, *fresh = NULL;
  const gint64 issued = 1795000000;   /* 2026-11-18T11:06:40Z */
  g_autofree char *at_issue = g_strdup_printf ("%" G_GINT64_FORMAT, issued);
  g_autofree char *last_second = g_strdup_printf ("%" G_GINT64_FORMAT, issued + 899);
  g_autofree char *expired = g_strdup_printf ("%" G_GINT64_FORMAT, issued + 900);
  AhiTestReply reply;

  ahi_test_server_fix_clock (at_issue);
  ahi_test_server_start (&server);
  tenant = ahi_test_sign_up (&server, NULL, NULL, "auto_service", "usta-clock@example.com", PASSWORD, NULL);
  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                         "{\"email\":\"usta-clock@example.com\",\"password\":\"" PASSWORD "\"}");
  g_assert_cmpuint (reply.status, ==, 200);
  token = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
  refresh = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "refresh_token"));
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "access_expires_at"), ==, issued + 900);
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&server);
  path = g_strdup_printf ("/api/tenant/%s/blueprint", tenant);

  ahi_test_server_fix_clock (last_second);
  ahi_test_server_start (&server);
  reply = ahi_test_call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&server);

  ahi_test_server_fix_clock (expired);
  ahi_test_server_start (&server);
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, token, NULL), 401, "token_expired");
  {
    g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);

    reply = ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body);
    g_assert_cmpuint (reply.status, ==, 200);
    fresh = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
    ahi_test_reply_clear (&reply);
  }
  reply = ahi_test_call (&server, "GET", path, fresh, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
}

/* The fixed clock is an option that says so at start, never the
 * environment: a server started with the old AHI_SERVER_NOW set (and no
 * option) runs on the real clock, and a bad --fixed-clock stops it. */
static void
test_fixed_clock (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *log_path = g_build_filename (data_dir, "fixed-clock.log", NULL);
  g_autofree char *log = NULL;
  const gint64 fixed = 1795000000;   /* 2026-11-18T11:06:40Z */
  AhiTestReply reply;
  gint64 expires;

  ahi_test_server_fix_clock ("2026-11-18T11:06:40Z");
  ahi_test_server_start_with (&server, NULL, log_path);
  ahi_test_server_fix_clock (NULL);
  g_free (ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "clock@example.com", PASSWORD, NULL));
  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                         "{\"email\":\"clock@example.com\",\"password\":\"" PASSWORD "\"}");
  /* Issued at the fixed second, so it expires 900 s after it. */
  g_assert_cmpint (json_object_get_int_member (ahi_test_expect (&reply, 200), "access_expires_at"), ==, fixed + 900);
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&server);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "FIXED CLOCK at 2026-11-18T11:06:40Z (1795000000)"));

  /* 1000000000 is 2001-09-09: a token issued then would be long expired
   * and its expiry would say so. The real clock is after 2025. */
  g_setenv ("AHI_SERVER_NOW", "1000000000", TRUE);
  ahi_test_server_start (&server);
  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                         "{\"email\":\"clock@example.com\",\"password\":\"" PASSWORD "\"}");
  expires = json_object_get_int_member (ahi_test_expect (&reply, 200), "access_expires_at");
  g_assert_cmpint (expires, >, 1735689600 + 900);   /* 2025-01-01T00:00:00Z + 15 min */
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&server);
  g_unsetenv ("AHI_SERVER_NOW");

  {
    const char *binary = g_getenv ("AHI_SERVER_BINARY");
    const char *argv[] = { binary, "--data-dir", data_dir, "--listen", "127.0.0.1:0",
                           "--fixed-clock", "yesterday", NULL };
    g_autofree char *err = NULL;
    int wait_status = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                                 &wait_status, &error));
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (wait_status, NULL));
    g_assert_nonnull (strstr (err, "--fixed-clock"));
  }
}

/* Five failed logins of one e-mail within 15 minutes
 * (AHI_LOGIN_MAX_ATTEMPTS, AHI_LOGIN_WINDOW): the sixth try is 429, even
 * with the right password; another e-mail is not held back. */
static void
test_login_flood (void)
{
  World w = { 0 };
  AhiTestReply reply;

  world_start (&w, "flood");
  for (guint i = 0; i < 5; i++)
    ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                          "{\"email\":\"isil-flood@example.com\",\"password\":\"yanlis-parola\"}"),
                           401, "invalid_credentials");
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"isil-flood@example.com\",\"password\":\"yanlis-parola\"}"),
                         429, "rate_limited");
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\"isil-flood@example.com\",\"password\":\"" PASSWORD "\"}"),
                         429, "rate_limited");
  /* The same e-mail in capitals and with spaces is the same account. */
  ahi_test_assert_error (ahi_test_call (&w.server, "POST", "/api/login", NULL,
                                        "{\"email\":\" ISIL-FLOOD@example.com\",\"password\":\"" PASSWORD "\"}"),
                         429, "rate_limited");

  reply = ahi_test_call (&w.server, "POST", "/api/login", NULL,
                         "{\"email\":\"selin-flood@example.com\",\"password\":\"" PASSWORD "\"}");
  g_assert_cmpuint (reply.status, ==, 200);
  ahi_test_reply_clear (&reply);

  /* The tokens issued before the flood still work. */
  assert_unchanged (&w, w.boot, 0);
  ahi_test_server_stop (&w.server);
  world_clear (&w);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-bad-input-XXXXXX", NULL);
  ahi_test_server_init (data_dir);
  raw_session = soup_session_new ();

  g_test_add_func ("/server/bad-input/bodies", test_bodies);
  g_test_add_func ("/server/bad-input/events-and-values", test_events_and_values);
  g_test_add_func ("/server/bad-input/paths-and-tokens", test_paths_and_tokens);
  g_test_add_func ("/server/bad-input/expired-token", test_expired_token);
  g_test_add_func ("/server/bad-input/fixed-clock", test_fixed_clock);
  g_test_add_func ("/server/bad-input/login-flood", test_login_flood);
  status = g_test_run ();

  g_clear_object (&raw_session);
  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
