/* test-dispatch.c — one dispatch pass over a real tenant database, with
 * a recording provider in memory and with the local outbox
 *
 * What the HTTP test cannot steer: a provider that fails for a while (the
 * reminder must stay queued and go on the next pass), a second record of
 * one result (refused), an erased customer (refused before any provider),
 * an e-mail reminder for a customer without an address (the outbox's
 * permanent failure, and no file written).
 */
#include <glib/gstdio.h>

#include "server/ahi-dispatcher.h"
#include "core/ahi-core.h"
#include "store/engine/ahi-reminder-dispatch.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"

#define TENANT     "01900000-0000-7000-8000-0000000000a1"
#define CUSTOMER_A "01900000-0000-7000-8000-0000000000c1"
#define CUSTOMER_B "01900000-0000-7000-8000-0000000000c2"
#define REMINDER_A "01900000-0000-7000-8000-0000000000e1"
#define REMINDER_B "01900000-0000-7000-8000-0000000000e2"
#define REMINDER_C "01900000-0000-7000-8000-0000000000e3"

/* 2026-12-01T09:00:00Z; the reminders were due at 08:00. */
#define NOW     G_GINT64_CONSTANT (1796115600)
#define DUE_AT  "2026-12-01T08:00:00Z"

/* ------------------------------------------------ a recording provider */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, GObject)

struct _TestProvider {
  GObject    parent_instance;
  gboolean   down;       /* answer with a transient failure */
  GPtrArray *sent;       /* "reminder|channel|phone|text" */
};

static void test_provider_iface_init (AhiMessageProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestProvider, test_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AHI_TYPE_MESSAGE_PROVIDER, test_provider_iface_init))

static const char *
test_provider_get_name (AhiMessageProvider *provider)
{
  return "test_recorder";
}

static char *
test_provider_send (AhiMessageProvider       *provider,
                    const AhiOutgoingMessage *message,
                    GError                  **error)
{
  TestProvider *self = TEST_PROVIDER (provider);

  if (self->down)
    {
      g_set_error_literal (error, AHI_DISPATCH_ERROR, AHI_DISPATCH_ERROR_TRANSIENT, "provider down");
      return NULL;
    }
  g_ptr_array_add (self->sent, g_strdup_printf ("%s|%s|%s|%s", message->reminder_id, message->channel,
                                                message->phone, message->text));
  return g_strdup_printf ("ref-%u", self->sent->len);
}

static void
test_provider_iface_init (AhiMessageProviderInterface *iface)
{
  iface->get_name = test_provider_get_name;
  iface->send = test_provider_send;
}

static void
test_provider_finalize (GObject *object)
{
  g_ptr_array_unref (TEST_PROVIDER (object)->sent);
  G_OBJECT_CLASS (test_provider_parent_class)->finalize (object);
}

static void
test_provider_class_init (TestProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_provider_finalize;
}

static void
test_provider_init (TestProvider *self)
{
  self->sent = g_ptr_array_new_with_free_func (g_free);
}

/* ------------------------------------------------------------- fixture */

typedef struct {
  char     *dir;
  AhiStore *store;
} Fixture;

static void
append (AhiStore   *store,
        const char *type,
        const char *entity_id,
        const char *payload,
        const char *pii)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = ahi_store_new_event (store, type, entity_id, TENANT, "owner", NOW - 7200);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, payload, -1, NULL));
  json_object_unref (event->payload);
  event->payload = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  if (pii != NULL)
    {
      g_autoptr(JsonParser) pii_parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (pii_parser, pii, -1, NULL));
      event->pii = json_object_ref (json_node_get_object (json_parser_get_root (pii_parser)));
    }
  ahi_store_append (store, event, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) boot = NULL;
  g_autofree char *path = NULL;
  AhiTenantSpec spec = { TENANT, "Işıl Kuaför", "hair_beauty", "Işıl Çağlar", NULL, NULL, NULL, NOW - 86400 };

  fixture->dir = g_dir_make_tmp ("ahi-dispatch-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "tenant.db", NULL);
  fixture->store = ahi_store_open (path, &error);
  g_assert_no_error (error);
  boot = ahi_tenant_bootstrap_events (&spec, &error);
  g_assert_no_error (error);
  ahi_store_append_all (fixture->store, boot, NULL, &error);
  g_assert_no_error (error);

  /* A: a phone, no e-mail. B: erased since the reminder was queued. */
  append (fixture->store, "customer.created", CUSTOMER_A, "{\"source\":\"walk_in\"}",
          "{\"full_name\":\"Ayşe Yılmaz\",\"phone\":\"+905321112233\"}");
  append (fixture->store, "customer.created", CUSTOMER_B, "{\"source\":\"walk_in\"}",
          "{\"full_name\":\"Zeynep Kara\",\"phone\":\"+905321114455\"}");
  append (fixture->store, "reminder.created", REMINDER_A,
          "{\"customer_id\":\"" CUSTOMER_A "\",\"channel\":\"sms\",\"purpose\":\"appointment_reminder\","
          "\"due_at\":\"" DUE_AT "\",\"template\":\"t\"}", NULL);
  append (fixture->store, "reminder.created", REMINDER_B,
          "{\"customer_id\":\"" CUSTOMER_B "\",\"channel\":\"sms\",\"purpose\":\"appointment_reminder\","
          "\"due_at\":\"" DUE_AT "\",\"template\":\"t\"}", NULL);
  append (fixture->store, "customer.erased", CUSTOMER_B, "{\"reason\":\"KVKK erasure request\"}", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *argv_rm[] = { "rm", "-rf", fixture->dir, NULL };

  g_clear_object (&fixture->store);
  g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (fixture->dir);
}

static void
assert_reminder (AhiStore   *store,
                 const char *reminder_id,
                 const char *column,
                 const char *expected)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM reminders WHERE reminder_id = ?", column);
  sqlite3_stmt *stmt = ahi_db_prepare (ahi_store_get_db (store), sql, NULL);
  g_autofree char *value = NULL;

  ahi_db_bind_text (stmt, 1, reminder_id);
  if (ahi_db_step_row (ahi_store_get_db (store), stmt, NULL))
    {
      value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  g_assert_cmpstr (value, ==, expected);
}

/* --------------------------------------------------------------- tests */

static void
test_transient_then_sent (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TestProvider) provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  g_autoptr(GError) error = NULL;
  AhiDispatchCounts counts = { 0 };

  /* The provider is down: A stays queued; B never reaches it. */
  provider->down = TRUE;
  g_assert_true (ahi_dispatch_store (AHI_MESSAGE_PROVIDER (provider), fixture->store, NOW, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.sent, ==, 0);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (counts.deferred, ==, 1);
  assert_reminder (fixture->store, REMINDER_A, "status", "queued");
  assert_reminder (fixture->store, REMINDER_B, "status", "failed");
  assert_reminder (fixture->store, REMINDER_B, "failure", "customer_erased");
  assert_reminder (fixture->store, REMINDER_B, "provider", "test_recorder");

  /* Back up: A goes, once, with the text a person would read. */
  provider->down = FALSE;
  counts = (AhiDispatchCounts) { 0 };
  g_assert_true (ahi_dispatch_store (AHI_MESSAGE_PROVIDER (provider), fixture->store, NOW, &counts, &error));
  g_assert_cmpuint (counts.sent, ==, 1);
  g_assert_cmpuint (counts.failed + counts.deferred, ==, 0);
  g_assert_cmpuint (provider->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (provider->sent, 0), ==,
                   REMINDER_A "|sms|+905321112233|Merhaba Ayşe, randevunuzu hatırlatırız. — Işıl Kuaför");
  assert_reminder (fixture->store, REMINDER_A, "status", "sent");
  assert_reminder (fixture->store, REMINDER_A, "provider_ref", "ref-1");

  /* Nothing is due any more; and a result is never recorded twice. */
  counts = (AhiDispatchCounts) { 0 };
  g_assert_true (ahi_dispatch_store (AHI_MESSAGE_PROVIDER (provider), fixture->store, NOW + 3600, &counts, &error));
  g_assert_cmpuint (counts.sent + counts.failed + counts.deferred, ==, 0);
  g_assert_false (ahi_reminder_dispatch_record (fixture->store, REMINDER_A, TRUE, "test_recorder", "ref-2", NULL,
                                                NOW, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_assert_cmpuint (provider->sent->len, ==, 1);
}

static void
test_outbox_without_address (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *outbox_dir = g_build_filename (fixture->dir, "outbox", NULL);
  g_autofree char *outbox_file = g_build_filename (outbox_dir, TENANT ".jsonl", NULL);
  g_autoptr(AhiOutboxProvider) outbox = ahi_outbox_provider_new (outbox_dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  AhiDispatchCounts counts = { 0 };

  /* An e-mail for A, who gave no address, due later than A's SMS. */
  append (fixture->store, "reminder.created", REMINDER_C,
          "{\"customer_id\":\"" CUSTOMER_A "\",\"channel\":\"email\",\"purpose\":\"recovery\","
          "\"due_at\":\"2026-12-01T08:30:00Z\",\"template\":\"t\"}", NULL);

  g_assert_true (ahi_dispatch_store (AHI_MESSAGE_PROVIDER (outbox), fixture->store, NOW, &counts, &error));
  g_assert_no_error (error);
  /* A's SMS sent; B erased; C without an address. */
  g_assert_cmpuint (counts.sent, ==, 1);
  g_assert_cmpuint (counts.failed, ==, 2);
  assert_reminder (fixture->store, REMINDER_C, "status", "failed");
  assert_reminder (fixture->store, REMINDER_C, "failure", "no_email");
  assert_reminder (fixture->store, REMINDER_C, "provider", "local_outbox");

  /* One line: A's SMS, nothing for B or C. */
  g_assert_true (g_file_get_contents (outbox_file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"reminder_id\":\"" REMINDER_A "\",\"channel\":\"sms\",\"phone\":\"+905321112233\""));
  g_assert_null (strstr (contents, REMINDER_B));
  g_assert_null (strstr (contents, REMINDER_C));
  g_assert_cmpuint (strlen (contents), ==, (gsize) (strchr (contents, '\n') - contents) + 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  g_test_add ("/server/dispatch/transient-then-sent", Fixture, NULL, fixture_set_up, test_transient_then_sent,
              fixture_tear_down);
  g_test_add ("/server/dispatch/outbox-without-address", Fixture, NULL, fixture_set_up, test_outbox_without_address,
              fixture_tear_down);
  return g_test_run ();
}
