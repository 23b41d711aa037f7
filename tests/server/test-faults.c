/* test-faults.c — a real ahi-server killed mid-push, and a lost answer
 *
 * Sync's promise (DESIGN §4) is that a device may send a batch any number
 * of times, whatever happened to the previous try, and every event lands
 * once. Two faults test it: the server dies by SIGKILL while a big batch is
 * in flight (no clean-up, as in a crash or a power cut), and the answer to
 * a batch never reaches the device. After a kill the tenant's file is read
 * directly: the log holds a prefix of the batch, every event whole (its
 * personal data and its projection with it), and the device's last seq
 * and answers match the log exactly. Sending the same batch again then
 * completes it, each event once.
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "ahi-test-server.h"

#include "core/ahi-core.h"
#include "core/ahi-id.h"

#define PASSWORD   "çok-gizli-parola"
#define BATCH      100           /* events in one push */
#define MAX_BODY   (64 * 1024)   /* AHI_HTTP_MAX_BODY */

static char *data_dir;

typedef struct {
  AhiTestServer server;
  char         *tenant;
  char         *user;
  const char   *email;
  gint64        boot;      /* log rows after sign-up */
} Shop;

typedef struct {
  char *token;
  char *device;
} Device;

/* ------------------------------------------------------------- helpers */

/* Starts the server and signs up a salon whose owner logs in by email. */
static void
shop_open (Shop       *shop,
           const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\","
                                           "\"email\":\"%s\",\"password\":\"" PASSWORD "\","
                                           "\"owner_name\":\"Işıl Çağlar\"}", email);
  AhiTestReply reply;

  shop->email = email;
  ahi_test_server_start (&shop->server);
  reply = ahi_test_call (&shop->server, "POST", "/api/signup", NULL, body);
  g_assert_cmpuint (reply.status, ==, 201);
  shop->tenant = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "tenant_id"));
  shop->user = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "user_id"));
  ahi_test_reply_clear (&reply);
}

static void
shop_clear (Shop *shop)
{
  g_free (shop->tenant);
  g_free (shop->user);
}

/* A new login is a new device, with a sync queue of its own. */
static void
device_login (Shop   *shop,
              Device *device)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"" PASSWORD "\"}", shop->email);
  AhiTestReply reply = ahi_test_call (&shop->server, "POST", "/api/login", NULL, body);

  g_assert_cmpuint (reply.status, ==, 200);
  device->token = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
  device->device = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "device_id"));
  ahi_test_reply_clear (&reply);
}

static void
device_clear (Device *device)
{
  g_free (device->token);
  g_free (device->device);
}

/* The customer id of event i of batch (both from 0). */
static char *
customer_id (guint batch,
             guint i)
{
  return g_strdup_printf ("01900000-0000-7000-8000-%012x", batch * 1000 + i + 1);
}

/* BATCH customer.created events of device, seq 1..BATCH, as a push body.
 * Each carries personal data, so that a torn event would show as a log
 * row without its event_pii row. */
static char *
batch_body (Shop   *shop,
            Device *device,
            guint   batch)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"device_id\":\"%s\",\"events\":[", device->device);
  for (guint i = 0; i < BATCH; i++)
    {
      g_autofree char *event_id = ahi_id_new ();
      g_autofree char *customer = customer_id (batch, i);

      g_string_append_printf (body,
                              "%s{\"v\":1,\"event_id\":\"%s\",\"tenant_id\":\"%s\",\"device_id\":\"%s\","
                              "\"device_seq\":%u,\"type\":\"customer.created\",\"entity\":\"customer\","
                              "\"entity_id\":\"%s\",\"actor\":{\"user_id\":\"%s\",\"role\":\"owner\"},"
                              "\"occurred_at\":\"2026-12-01T07:00:00Z\",\"payload\":{\"source\":\"walk_in\"},"
                              "\"pii\":{\"full_name\":\"Müşteri %u-%u\",\"phone\":\"+9053200%05u\"}}",
                              i > 0 ? "," : "", event_id, shop->tenant, device->device, i + 1, customer,
                              shop->user, batch, i, batch * 1000 + i);
    }
  g_string_append (body, "]}");
  /* The whole batch must fit in one body, or the test tests the cap. */
  g_assert_cmpuint (body->len, <=, MAX_BODY);
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Writes a whole push request on a connection of its own and returns
 * without reading the answer. */
static GIOStream *
send_raw (Shop       *shop,
          Device     *device,
          const char *body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  GSocketConnection *connection;
  guint64 port = 0;
  const char *colon = strrchr (shop->server.base, ':');

  g_assert_true (g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL));
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("POST /api/tenant/%s/sync/push HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                             "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                             shop->tenant, (guint) port, device->token, strlen (body), body);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  return G_IO_STREAM (connection);
}

/* Pushes body and returns the answers as JSON text. */
static char *
push (Shop       *shop,
      Device     *device,
      const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/sync/push", shop->tenant);
  AhiTestReply reply = ahi_test_call (&shop->server, "POST", path, device->token, body);
  JsonObject *object;
  char *answers;

  g_assert_cmpuint (reply.status, ==, 200);
  object = ahi_test_reply_object (&reply);
  g_assert_false (json_object_has_member (object, "expected_seq"));
  answers = json_to_string (json_object_get_member (object, "answers"), FALSE);
  ahi_test_reply_clear (&reply);
  return answers;
}

/* Every answer of a complete batch is "accepted", answer i with
 * server_seq first + i. */
static void
assert_all_accepted (const char *answers_text,
                     gint64      first)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *answers;

  g_assert_true (json_parser_load_from_data (parser, answers_text, -1, NULL));
  answers = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (answers), ==, BATCH);
  for (guint i = 0; i < BATCH; i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);

      g_assert_cmpint (json_object_get_int_member (answer, "device_seq"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "accepted");
      g_assert_cmpint (json_object_get_int_member (answer, "server_seq"), ==, first + i);
    }
}

/* ------------------------------------------------------- the file */

typedef struct {
  sqlite3 *db;
} File;

static void
file_open (File *file,
           Shop *shop)
{
  g_autofree char *name = g_strconcat (shop->tenant, ".db", NULL);
  g_autofree char *path = g_build_filename (data_dir, "tenants", name, NULL);

  /* Read-write, so that SQLite may recover the WAL a killed server left,
   * as the next server to open it would. */
  g_assert_cmpint (sqlite3_open_v2 (path, &file->db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
}

static void
file_close (File *file)
{
  g_assert_cmpint (sqlite3_close (file->db), ==, SQLITE_OK);
  file->db = NULL;
}

/* One integer: sql with ?1 bound to text (may be NULL). */
static gint64
file_int (File       *file,
          const char *sql,
          const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (file->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* What a killed push left for device: the number of its events in the log
 * after checking that they are a whole prefix of its batch. */
static gint64
landed_prefix (File       *file,
               const char *device,
               gint64      rows_before)
{
  gint64 landed = file_int (file, "SELECT count(*) FROM tenant_event_logs WHERE device_id = ?1", device);

  /* Seqs 1..landed, no hole, nothing after. */
  if (landed > 0)
    {
      g_assert_cmpint (file_int (file, "SELECT min(device_seq) FROM tenant_event_logs WHERE device_id = ?1", device), ==, 1);
      g_assert_cmpint (file_int (file, "SELECT max(device_seq) FROM tenant_event_logs WHERE device_id = ?1", device), ==, landed);
    }
  /* The log is rows_before + landed rows numbered without a gap. */
  g_assert_cmpint (file_int (file, "SELECT count(*) FROM tenant_event_logs", NULL), ==, rows_before + landed);
  g_assert_cmpint (file_int (file, "SELECT max(seq) FROM tenant_event_logs", NULL), ==, rows_before + landed);
  /* Every event whole: its personal data and its customer row. */
  g_assert_cmpint (file_int (file, "SELECT count(*) FROM tenant_event_logs l JOIN event_pii p USING (event_id)"
                                   " WHERE l.device_id = ?1", device), ==, landed);
  g_assert_cmpint (file_int (file, "SELECT count(*) FROM customers WHERE customer_id IN"
                                   " (SELECT entity_id FROM tenant_event_logs WHERE device_id = ?1)", device), ==, landed);
  /* The device's bookkeeping matches the log: last seq, one accepted
   * answer per landed event, naming its row. */
  g_assert_cmpint (file_int (file, "SELECT coalesce(max(last_seq), 0) FROM sync_devices WHERE device_id = ?1", device),
                   ==, landed);
  g_assert_cmpint (file_int (file, "SELECT count(*) FROM sync_answers a JOIN tenant_event_logs l"
                                   " ON l.seq = a.server_seq AND l.device_seq = a.device_seq"
                                   " AND l.device_id = a.device_id"
                                   " WHERE a.device_id = ?1 AND a.status = 'accepted'", device), ==, landed);
  g_assert_cmpint (file_int (file, "SELECT count(*) FROM sync_answers WHERE device_id = ?1", device), ==, landed);
  return landed;
}

/* ------------------------------------------------------------- tests */

static void
test_kill_mid_batch (void)
{
  Shop shop = { 0 };
  Device warm = { 0 };
  g_autofree char *warm_body = NULL, *warm_answers = NULL;
  gint64 rows, started, full_us;
  guint64 delays[4];
  File file = { 0 };

  shop_open (&shop, "killed@example.com");
  ahi_test_server_stop (&shop.server);
  file_open (&file, &shop);
  shop.boot = file_int (&file, "SELECT count(*) FROM tenant_event_logs", NULL);
  file_close (&file);
  ahi_test_server_start (&shop.server);

  /* A first batch, pushed whole, times one: the kills below land before,
   * early in, late in and after that time. Its events are boot + 1 ..
   * boot + BATCH. */
  device_login (&shop, &warm);
  warm_body = batch_body (&shop, &warm, 0);
  started = g_get_monotonic_time ();
  warm_answers = push (&shop, &warm, warm_body);
  full_us = g_get_monotonic_time () - started;
  assert_all_accepted (warm_answers, shop.boot + 1);
  rows = shop.boot + BATCH;
  delays[0] = 0;
  delays[1] = full_us / 3;
  delays[2] = 2 * full_us / 3;
  delays[3] = 2 * full_us;
  g_test_message ("a batch of %d events took %.1f ms", BATCH, full_us / 1000.0);

  for (guint round = 0; round < G_N_ELEMENTS (delays); round++)
    {
      Device device = { 0 };
      g_autofree char *body = NULL, *answers = NULL, *again = NULL;
      g_autoptr(GIOStream) stream = NULL;
      gint64 landed;

      device_login (&shop, &device);
      body = batch_body (&shop, &device, round + 1);
      stream = send_raw (&shop, &device, body);
      g_usleep (delays[round]);
      ahi_test_server_kill (&shop.server);

      file_open (&file, &shop);
      landed = landed_prefix (&file, device.device, rows);
      file_close (&file);
      g_test_message ("round %u: SIGKILL %.1f ms after sending; %" G_GINT64_FORMAT " of %d events had landed",
                      round + 1, delays[round] / 1000.0, landed, BATCH);

      /* Back up on the same data dir, the device sends the same batch: the
       * landed events answer as stored, the rest land now, so event i is
       * at rows + 1 + i either way; again, and nothing changes. */
      ahi_test_server_start (&shop.server);
      answers = push (&shop, &device, body);
      assert_all_accepted (answers, rows + 1);
      again = push (&shop, &device, body);
      g_assert_cmpstr (again, ==, answers);
      rows += BATCH;
      device_clear (&device);
    }

  /* The warm-up device's answers survived four kills word for word. */
  {
    g_autofree char *warm_again = push (&shop, &warm, warm_body);
    g_assert_cmpstr (warm_again, ==, warm_answers);
  }
  ahi_test_server_stop (&shop.server);

  /* In the file: boot + 5 batches, every event id and every customer
   * once, every device at BATCH. */
  file_open (&file, &shop);
  g_assert_cmpint (file_int (&file, "SELECT count(*) FROM tenant_event_logs", NULL), ==, shop.boot + 5 * BATCH);
  g_assert_cmpint (file_int (&file, "SELECT count(DISTINCT event_id) FROM tenant_event_logs", NULL), ==, shop.boot + 5 * BATCH);
  g_assert_cmpint (file_int (&file, "SELECT count(*) FROM customers", NULL), ==, 5 * BATCH);
  g_assert_cmpint (file_int (&file, "SELECT count(*) FROM sync_devices WHERE last_seq = " G_STRINGIFY (BATCH), NULL), ==, 5);
  g_assert_cmpint (file_int (&file, "SELECT count(*) FROM sync_answers WHERE status = 'accepted'", NULL), ==, 5 * BATCH);
  file_close (&file);

  device_clear (&warm);
  shop_clear (&shop);
}

static void
test_dropped_response (void)
{
  Shop shop = { 0 };
  Device device = { 0 };
  g_autofree char *body = NULL, *first = NULL, *second = NULL, *pull = NULL;
  g_autoptr(GIOStream) stream = NULL;
  File file = { 0 };
  AhiTestReply reply;
  JsonObject *page;

  shop_open (&shop, "dropped@example.com");
  ahi_test_server_stop (&shop.server);
  file_open (&file, &shop);
  shop.boot = file_int (&file, "SELECT count(*) FROM tenant_event_logs", NULL);
  file_close (&file);
  ahi_test_server_start (&shop.server);
  device_login (&shop, &device);
  body = batch_body (&shop, &device, 9);

  /* The device sends the batch and the connection drops before any
   * answer is read; then it sends the same batch twice more. Whether or
   * not the first try was processed, event i sits at boot + 1 + i and
   * both answers are the same. */
  stream = send_raw (&shop, &device, body);
  g_assert_true (g_io_stream_close (stream, NULL, NULL));
  first = push (&shop, &device, body);
  assert_all_accepted (first, shop.boot + 1);
  second = push (&shop, &device, body);
  g_assert_cmpstr (second, ==, first);

  /* Pull after the bootstrap: the BATCH events once, last seq BATCH. */
  pull = g_strdup_printf ("/api/tenant/%s/sync/pull?after=%" G_GINT64_FORMAT "&limit=1000", shop.tenant, shop.boot);
  reply = ahi_test_call (&shop.server, "GET", pull, device.token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  page = ahi_test_reply_object (&reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "events")), ==, BATCH);
  g_assert_cmpint (json_object_get_int_member (page, "last_seq"), ==, BATCH);
  g_assert_cmpint (json_object_get_int_member (page, "cursor"), ==, shop.boot + BATCH);
  ahi_test_reply_clear (&reply);
  ahi_test_server_stop (&shop.server);

  file_open (&file, &shop);
  g_assert_cmpint (landed_prefix (&file, device.device, shop.boot), ==, BATCH);
  g_assert_cmpint (file_int (&file, "SELECT count(DISTINCT event_id) FROM tenant_event_logs", NULL), ==, shop.boot + BATCH);
  file_close (&file);

  device_clear (&device);
  shop_clear (&shop);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-faults-XXXXXX", NULL);

  g_test_add_func ("/server/faults/kill-mid-batch", test_kill_mid_batch);
  g_test_add_func ("/server/faults/dropped-response", test_dropped_response);
  ahi_test_server_init (data_dir);
  status = g_test_run ();
  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
