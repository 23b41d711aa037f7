/* test-replay.c — replaying a log rebuilds the same state
 *
 * A tenant with months of generated activity plus one event of every type
 * (an erasure included) is replayed into empty databases: the projections
 * must come out identical, byte for byte in the canonical dump. The
 * reducer reads no clock, no randomness and no rowid, so nothing else can
 * make them differ.
 */
#include "ahi-test-fixture.h"
#include "store/ahi-event-log.h"
#include "demo/ahi-generator.h"
#include "store/ahi-store-dump.h"

static char *
dump (AhiStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = ahi_store_dump_projections (ahi_store_get_db (store), &error);

  g_assert_no_error (error);
  return text;
}

/* Equal dumps; on a difference, the first differing line only (a dump
 * is megabytes). */
static void
assert_same_dump (const char *a,
                  const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

  for (guint i = 0; la[i] != NULL || lb[i] != NULL; i++)
    if (la[i] == NULL || lb[i] == NULL || !g_str_equal (la[i], lb[i]))
      g_error ("dumps differ at line %u:\n  %s\n  %s", i + 1,
               la[i] != NULL ? la[i] : "(end)", lb[i] != NULL ? lb[i] : "(end)");
}

static void
test_replay_identical (void)
{
  AhiStore *original = fx_store_new ("original.db");
  AhiStore *replica = fx_store_new ("replica.db");
  AhiStore *again = fx_store_new ("again.db");
  g_autofree char *tenant = fx_create_tenant (original, "hair_beauty");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  AhiGeneratorStats stats = { 0 };
  AhiGeneratorSpec spec = {
    .n_customers = 300,
    .days_of_history = 60,
    .days_ahead = 7,
    .occupancy_pct = 60,
    .seed = 42,
    .now = fx_time ("2026-12-01T09:00:00Z"),
  };

  g_assert_true (ahi_generator_fill (original, &spec, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.customers, ==, 300);
  g_assert_cmpuint (stats.appointments, >, 500);
  fx_run_every_type (original, NULL);

  g_assert_true (ahi_store_replay_from (replica, original, &error));
  g_assert_no_error (error);
  g_assert_true (ahi_store_replay_from (again, replica, &error));
  g_assert_no_error (error);

  a = dump (original);
  b = dump (replica);
  c = dump (again);
  g_assert_cmpuint (strlen (a), >, 100000);
  assert_same_dump (a, b);
  assert_same_dump (b, c);

  /* Same log, same order. */
  g_assert_cmpint (fx_int (original, "SELECT count(*) FROM tenant_event_logs"), ==,
                   fx_int (replica, "SELECT count(*) FROM tenant_event_logs"));
  {
    g_autofree char *last_a = fx_text (original, "SELECT event_id FROM tenant_event_logs ORDER BY seq DESC LIMIT 1");
    g_autofree char *last_b = fx_text (replica, "SELECT event_id FROM tenant_event_logs ORDER BY seq DESC LIMIT 1");
    g_assert_cmpstr (last_a, ==, last_b);
  }
  /* The erased customer stays erased in the replica. */
  g_assert_cmpint (fx_int (replica, "SELECT count(*) FROM event_pii WHERE subject_id = '" FX_ERASED "'"), ==, 0);

  fx_store_free (original);
  fx_store_free (replica);
  fx_store_free (again);
}

static void
test_entity_from_own_events (void)
{
  AhiStore *original = fx_store_new ("entity.db");
  AhiStore *rebuilt = fx_store_new ("rebuilt.db");
  g_autofree char *tenant = fx_create_tenant (original, "hair_beauty");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  const char *keep[] = { tenant, FX_CUSTOMER, FX_SERVICE, FX_STAFF, FX_CHAIR, FX_APPT_DONE };
  const char *row = "SELECT customer_id || starts_at || ends_at || status || total_minor || late_min"
                    " FROM appointments WHERE appointment_id = '" FX_APPT_DONE "'";

  fx_run_every_type (original, NULL);

  /* The visit's own events, on top of those of the entities it refers
   * to and the business itself, rebuild it exactly. */
  log = ahi_event_log_read (ahi_store_get_db (original), 0, 100000, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    {
      AhiEvent *event = g_ptr_array_index (log, i);
      gboolean bootstrap = !g_str_equal (event->device_id, ahi_store_get_device_id (original));

      for (guint k = 0; k < G_N_ELEMENTS (keep); k++)
        if (bootstrap || g_str_equal (event->entity_id, keep[k]))
          {
            g_ptr_array_add (own, event);
            break;
          }
    }
  g_assert_true (ahi_store_append_all (rebuilt, own, NULL, &error));
  g_assert_no_error (error);

  {
    g_autofree char *a = fx_text (original, row);
    g_autofree char *b = fx_text (rebuilt, row);
    g_assert_nonnull (a);
    g_assert_cmpstr (a, ==, b);
  }
  g_assert_cmpint (fx_int (rebuilt, "SELECT last_completed_at FROM customers WHERE customer_id = '" FX_CUSTOMER "'"), ==,
                   fx_int (original, "SELECT last_completed_at FROM customers WHERE customer_id = '" FX_CUSTOMER "'"));

  fx_store_free (original);
  fx_store_free (rebuilt);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  g_test_add_func ("/store/replay/identical", test_replay_identical);
  g_test_add_func ("/store/replay/entity-from-own-events", test_entity_from_own_events);

  return g_test_run ();
}
