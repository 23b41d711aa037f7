/* test-command-center.c — the first screen's snapshot and its buttons
 *
 * A salon on Tuesday 1 December 2026, 12:00 at the desk (09:00Z). Every
 * card's figures are worked out below from the fixture; the engines that
 * gather the rows are tested on their own (test-retention, -reputation,
 * -kpi); here: which cards show, their order, what each button appends,
 * and that the snapshot is the same bytes on a replica of the log.
 */
#include <string.h>

#include "ahi-test-fixture.h"
#include "core/ahi-blueprint.h"
#include "store/engine/ahi-command-center.h"
#include "store/ahi-event-log.h"
#include "store/engine/ahi-reminder-dispatch.h"
#include "store/ahi-store-error.h"

#define NOW "2026-12-01T09:00:00Z"
#define SERVICE "01900000-0000-7000-8000-0000000c0001"
#define STAFF   "01900000-0000-7000-8000-0000000c0002"
#define C1 "01900000-0000-7000-8000-0000000c1001"
#define C2 "01900000-0000-7000-8000-0000000c1002"
#define C3 "01900000-0000-7000-8000-0000000c1003"
#define C4 "01900000-0000-7000-8000-0000000c1004"
#define C5 "01900000-0000-7000-8000-0000000c1005"
#define A1 "01900000-0000-7000-8000-0000000ca001"
#define A2 "01900000-0000-7000-8000-0000000ca002"
#define A3 "01900000-0000-7000-8000-0000000ca003"
#define A4 "01900000-0000-7000-8000-0000000ca004"
#define A5 "01900000-0000-7000-8000-0000000ca005"
#define REVIEW "01900000-0000-7000-8000-0000000cb001"
#define MANAGER "01900000-0000-7000-8000-0000000c0003"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
} Fixture;

static void
customer (Fixture *fx, const char *id, const char *name, const char *phone)
{
  g_autofree char *pii = phone != NULL
    ? g_strdup_printf ("{\"full_name\":\"%s\",\"phone\":\"%s\"}", name, phone)
    : g_strdup_printf ("{\"full_name\":\"%s\"}", name);

  fx_append (fx->store, "customer.created", id, fx_time ("2026-06-02T07:00:00Z"), "{\"source\":\"phone\"}", pii);
}

/* A one-hour booking of the service, made a week before it starts. */
static void
book (Fixture *fx, const char *id, const char *customer_id, const char *starts, const char *ends)
{
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"items\":[{\"service_id\":\"" SERVICE "\","
    "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":90000}],\"source\":\"phone\"}",
    customer_id, starts, ends, starts, ends);

  fx_append (fx->store, "appointment.created", id, fx_time (starts) - 7 * 86400, payload, NULL);
}

static void
status (Fixture *fx, const char *id, const char *when, const char *new_status)
{
  g_autofree char *payload = g_strdup_printf ("{\"status\":\"%s\"}", new_status);
  fx_append (fx->store, "appointment.status.updated", id, fx_time (when), payload, NULL);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->store = fx_store_new ("command-center.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");

  fx_append (fx->store, "service.created", SERVICE, fx_time ("2026-06-01T07:00:00Z"),
             "{\"code\":\"fon\",\"name\":\"Fön\",\"duration_min\":60,\"price_minor\":90000,"
             "\"vat_rate_bp\":2000,\"resource_kinds\":[\"chair\"]}", NULL);
  fx_append (fx->store, "staff.created", STAFF, fx_time ("2026-06-01T07:00:00Z"),
             "{\"role\":\"staff\"}", "{\"display_name\":\"Gizem Arslan\"}");

  /* No customer has marketing consent: no win-back, rebook or review
   * card can act, so none shows. */
  customer (fx, C1, "Ayşe Yılmaz", "+905321110001");
  customer (fx, C2, "Fatma Kaya", "+905321110002");
  customer (fx, C3, "Zeynep Demir", NULL);
  customer (fx, C4, "Elif Şahin", "+905321110004");
  customer (fx, C5, "Merve Aydın", "+905321110005");

  /* The last 90 days: 3 completed, 1 no-show → no-show rate 1/4 = 2500 bp. */
  book (fx, "01900000-0000-7000-8000-0000000cf001", C2, "2026-11-10T07:00:00Z", "2026-11-10T08:00:00Z");
  status (fx, "01900000-0000-7000-8000-0000000cf001", "2026-11-10T08:00:00Z", "completed");
  book (fx, "01900000-0000-7000-8000-0000000cf002", C2, "2026-11-12T07:00:00Z", "2026-11-12T08:00:00Z");
  status (fx, "01900000-0000-7000-8000-0000000cf002", "2026-11-12T08:00:00Z", "completed");
  book (fx, "01900000-0000-7000-8000-0000000cf003", C4, "2026-11-14T07:00:00Z", "2026-11-14T08:00:00Z");
  status (fx, "01900000-0000-7000-8000-0000000cf003", "2026-11-14T08:00:00Z", "completed");
  book (fx, "01900000-0000-7000-8000-0000000cf004", C4, "2026-11-17T07:00:00Z", "2026-11-17T08:00:00Z");
  status (fx, "01900000-0000-7000-8000-0000000cf004", "2026-11-17T08:00:00Z", "no_show");

  /* Tomorrow, Wednesday 2 December (local). Only A1 needs a confirmation:
   * A2 is confirmed, C3 of A3 has no phone, A4 was sent one already. */
  book (fx, A1, C1, "2026-12-02T07:00:00Z", "2026-12-02T08:00:00Z");
  book (fx, A2, C2, "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z");
  status (fx, A2, "2026-12-01T08:00:00Z", "confirmed");
  book (fx, A3, C3, "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z");
  book (fx, A4, C4, "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z");
  fx_append (fx->store, "reminder.created", "01900000-0000-7000-8000-0000000cd001", fx_time ("2026-12-01T08:00:00Z"),
             "{\"customer_id\":\"" C4 "\",\"channel\":\"sms\",\"purpose\":\"appointment_confirmation\","
             "\"due_at\":\"2026-12-01T08:00:00Z\",\"template\":\"appointment_confirmation\",\"appointment_id\":\"" A4 "\"}",
             NULL);

  /* A cancelled slot tomorrow 15:00–16:00, and Merve waiting for it. */
  book (fx, A5, C1, "2026-12-02T12:00:00Z", "2026-12-02T13:00:00Z");
  fx_append (fx->store, "appointment.cancelled", A5, fx_time ("2026-12-01T08:00:00Z"),
             "{\"cancelled_by\":\"customer\"}", NULL);
  fx_append (fx->store, "waitlist.entry.added", "01900000-0000-7000-8000-0000000ce001", fx_time ("2026-11-28T08:00:00Z"),
             "{\"customer_id\":\"" C5 "\",\"service_id\":\"" SERVICE "\"}", NULL);

  /* A 2-star review last week, nobody called yet. */
  fx_append (fx->store, "review.received", REVIEW, fx_time ("2026-11-25T10:00:00Z"),
             "{\"rating\":2,\"source\":\"google\",\"customer_id\":\"" C2 "\"}", "{\"comment\":\"Beklettiler.\"}");

  /* Two alerts, one still open. */
  fx_append (fx->store, "ops.alert.raised", "01900000-0000-7000-8000-0000000cc001", fx_time ("2026-11-30T08:00:00Z"),
             "{\"kind\":\"device_out_of_service\",\"severity\":\"warning\"}", NULL);
  fx_append (fx->store, "ops.alert.raised", "01900000-0000-7000-8000-0000000cc002", fx_time ("2026-11-29T08:00:00Z"),
             "{\"kind\":\"sync_rejected\",\"severity\":\"info\"}", NULL);
  fx_append (fx->store, "ops.alert.resolved", "01900000-0000-7000-8000-0000000cc002", fx_time ("2026-11-29T09:00:00Z"),
             "{\"resolution\":\"Tekrar gönderildi\"}", NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
}

static AhiCommandCenter *
build (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  AhiCommandCenter *center = ahi_command_center_build (fx->store, fx_time (NOW), &error);

  g_assert_no_error (error);
  g_assert_nonnull (center);
  return center;
}

static const AhiActionCard *
find_card (AhiCommandCenter *center, const char *kind)
{
  for (guint i = 0; i < center->cards->len; i++)
    {
      const AhiActionCard *card = g_ptr_array_index (center->cards, i);
      if (g_str_equal (card->kind, kind))
        return card;
    }
  return NULL;
}

static const AhiActionCard *
require_card (AhiCommandCenter *center, const char *kind)
{
  const AhiActionCard *card = find_card (center, kind);

  if (card == NULL)
    g_error ("no %s card", kind);
  return card;
}

static void
test_cards (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiCommandCenter) center = build (fx);
  const char *order[] = { "fill_slot", "reduce_no_shows", "recover_low_rating", "resolve_ops_alert" };
  const AhiActionCard *card;

  /* Ranked by expected value: 90 000 (the waiting customer takes the
   * 900,00 TL slot), 22 500 (900,00 TL × 25 % no-show rate), then the two
   * worth nothing yet, by kind. */
  g_assert_cmpuint (center->cards->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((AhiActionCard *) g_ptr_array_index (center->cards, i))->kind, ==, order[i]);

  card = require_card (center, "fill_slot");
  g_assert_cmpuint (card->count, ==, 1);
  g_assert_cmpint (card->expected_value_minor, ==, 90000);
  g_assert_cmpstr (g_ptr_array_index (card->subject_ids, 0), ==, A5);
  g_assert_cmpint (json_object_get_int_member (card->why, "from_waitlist"), ==, 1);

  card = require_card (center, "reduce_no_shows");
  g_assert_cmpuint (card->count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (card->subject_ids, 0), ==, A1);
  g_assert_cmpint (json_object_get_int_member (card->why, "no_show_rate_bp"), ==, 2500);
  g_assert_cmpint (json_object_get_int_member (card->why, "value_at_stake_minor"), ==, 90000);
  g_assert_cmpint (card->expected_value_minor, ==, 22500);
  g_assert_cmpstr (g_ptr_array_index (card->button_events, 0), ==, "reminder.created");

  card = require_card (center, "recover_low_rating");
  g_assert_cmpuint (card->count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (card->subject_ids, 0), ==, REVIEW);

  card = require_card (center, "resolve_ops_alert");
  g_assert_cmpuint (card->count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (card->subject_ids, 0), ==, "01900000-0000-7000-8000-0000000cc001");
  g_assert_cmpuint (card->button_events->len, ==, 0);

  /* Nobody has marketing consent: these cannot act, so they do not show. */
  g_assert_null (find_card (center, "win_back"));
  g_assert_null (find_card (center, "rebook"));
  g_assert_null (find_card (center, "ask_reviews"));
}

static void
test_kpi_row_follows_blueprint (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiCommandCenter) center = build (fx);
  g_autoptr(AhiBlueprint) blueprint = ahi_blueprint_load ("hair_beauty", NULL);
  const char * const *kpis = ahi_blueprint_get_kpis (blueprint);

  g_assert_cmpuint (center->kpis->len, ==, g_strv_length ((char **) kpis));
  for (guint i = 0; kpis[i] != NULL; i++)
    g_assert_cmpstr (g_array_index (center->kpis, AhiKpiValue, i).id, ==, kpis[i]);
  g_assert_cmpstr (center->sector, ==, "hair_beauty");
  g_assert_cmpstr (center->tenant_id, ==, fx->tenant_id);
}

static void
test_buttons (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) after = NULL;
  gint64 rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
  guint n = 0;

  g_assert_true (ahi_command_center_act (fx->store, "reduce_no_shows", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* One confirmation for A1, by the staff member who tapped. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM reminders WHERE appointment_id = '" A1 "'"
                                      " AND purpose = 'appointment_confirmation' AND customer_id = '" C1 "'"), ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE type = 'reminder.created'"
                                      " AND actor_user_id = '" STAFF "' AND actor_role = 'staff'"), ==, 1);

  g_assert_true (ahi_command_center_act (fx->store, "fill_slot", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM reminders WHERE appointment_id = '" A5 "'"
                                      " AND purpose = 'slot_offer' AND customer_id = '" C5 "'"), ==, 1);

  g_assert_true (ahi_command_center_act (fx->store, "recover_low_rating", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM ops_alerts WHERE kind = 'low_rating'"
                                      " AND subject_id = '" REVIEW "' AND resolved_at IS NULL"), ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows + 3);

  /* Done cards leave; the new recovery task joins the open alerts. */
  after = build (fx);
  g_assert_null (find_card (after, "reduce_no_shows"));
  g_assert_null (find_card (after, "fill_slot"));
  g_assert_null (find_card (after, "recover_low_rating"));
  g_assert_cmpuint (require_card (after, "resolve_ops_alert")->count, ==, 2);

  /* A second tap finds nothing left to do. */
  g_assert_true (ahi_command_center_act (fx->store, "reduce_no_shows", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_cmpuint (n, ==, 0);

  /* Alerts need a person; an unknown kind is refused. Nothing written. */
  g_assert_false (ahi_command_center_act (fx->store, "resolve_ops_alert", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (ahi_command_center_act (fx->store, "tweet", STAFF, "staff", fx_time (NOW), &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows + 3);
}

/* Whether any number in the tree is not an integer. */
static gboolean
has_double (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_DOUBLE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (has_double (json_array_get_element (array, i)))
          return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        if (has_double (member))
          return TRUE;
    }
  return FALSE;
}

static void
test_same_bytes_on_a_replica (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) first = build (fx);
  g_autoptr(AhiCommandCenter) second = build (fx);
  g_autofree char *a = ahi_command_center_to_json (first);
  g_autofree char *b = ahi_command_center_to_json (second);
  AhiStore *replica = fx_store_new ("replica.db");
  g_autoptr(AhiCommandCenter) third = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpstr (a, ==, b);
  /* No floating point anywhere in the answer. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, a, -1, NULL));
    g_assert_false (has_double (json_parser_get_root (parser)));
  }

  /* The server replays the same log: the same snapshot, byte for byte. */
  g_assert_true (ahi_store_replay_from (replica, fx->store, &error));
  g_assert_no_error (error);
  third = ahi_command_center_build (replica, fx_time (NOW), &error);
  g_assert_no_error (error);
  c = ahi_command_center_to_json (third);
  g_assert_cmpstr (a, ==, c);
  fx_store_free (replica);
}

/* The app keeps its last snapshot as JSON and reads it back at start: the
 * same snapshot, every card and KPI, and nothing from a damaged file. */
static void
test_read_back_from_json (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) center = build (fx);
  g_autofree char *json = ahi_command_center_to_json (center);
  g_autoptr(AhiCommandCenter) back = ahi_command_center_from_json (json, &error);
  g_autofree char *again = NULL;
  const char * const damaged[] = {
    "",
    "[]",
    "{\"v\":3,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[],\"cards\":[]}",
    /* A cache written before KPI contract 2 renamed the revenue KPIs. */
    "{\"v\":1,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[],\"cards\":[]}",
    "{\"v\":1,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[{\"id\":\"revenue_gross\",\"unit\":\"minor\",\"value\":12}],\"cards\":[]}",
    "{\"v\":2,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"yesterday\",\"kpis\":[],\"cards\":[]}",
    "{\"v\":2,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[{\"id\":\"happiness\"}],\"cards\":[]}",
    "{\"v\":2,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[{\"id\":\"revenue_gross\",\"value\":12}],\"cards\":[]}",
    "{\"v\":2,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[{\"id\":\"revenue_sold\",\"value\":\"12\"}],\"cards\":[]}",
    "{\"v\":2,\"tenant_id\":\"t\",\"sector\":\"hair_beauty\",\"now\":\"2026-12-01T09:00:00Z\",\"kpis\":[],\"cards\":[{\"kind\":\"win_back\"}]}",
  };

  g_assert_no_error (error);
  g_assert_nonnull (back);
  /* Version 2: the KPI contract that named the revenue figures anew. */
  g_assert_true (g_str_has_prefix (json, "{\"v\":2,\"tenant_id\":"));
  g_assert_cmpuint (back->cards->len, ==, center->cards->len);
  g_assert_cmpuint (back->kpis->len, ==, center->kpis->len);
  g_assert_cmpint (back->now, ==, fx_time (NOW));
  again = ahi_command_center_to_json (back);
  g_assert_cmpstr (again, ==, json);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) refused = NULL;
      g_autoptr(AhiCommandCenter) none = ahi_command_center_from_json (damaged[i], &refused);

      g_assert_null (none);
      g_assert_nonnull (refused);
    }
}

static void
test_sector_shapes_the_row (void)
{
  AhiStore *store = fx_store_new ("dental.db");
  g_autofree char *tenant = fx_create_tenant (store, "dental_esthetic");
  g_autoptr(AhiBlueprint) blueprint = ahi_blueprint_load ("dental_esthetic", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) center = ahi_command_center_build (store, fx_time (NOW), &error);
  const char * const *kpis = ahi_blueprint_get_kpis (blueprint);

  g_assert_no_error (error);
  g_assert_cmpstr (center->sector, ==, "dental_esthetic");
  g_assert_cmpuint (center->kpis->len, ==, g_strv_length ((char **) kpis));
  for (guint i = 0; kpis[i] != NULL; i++)
    g_assert_cmpstr (g_array_index (center->kpis, AhiKpiValue, i).id, ==, kpis[i]);
  /* A new clinic has nothing to do yet. */
  g_assert_cmpuint (center->cards->len, ==, 0);
  fx_store_free (store);
}

/* ----------------------------------------------------------------- undo */

static guint
count_due (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = ahi_reminder_dispatch_due (ahi_store_get_db (fx->store), fx_time (NOW), 100, &error);

  g_assert_no_error (error);
  return due->len;
}

static char *
confirmation_of (Fixture *fx, const char *appointment_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT reminder_id FROM reminders WHERE appointment_id = '%s'"
                                          " AND purpose = 'appointment_confirmation'", appointment_id);
  return fx_text (fx->store, sql);
}

static GPtrArray *
act (Fixture *fx, const char *kind)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = NULL;

  g_assert_true (ahi_command_center_act_full (fx->store, kind, STAFF, "staff", fx_time (NOW), &ids, &error));
  g_assert_no_error (error);
  return ids;
}

static void
test_undo (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) slot_ids = NULL;
  g_autoptr(AhiCommandCenter) done = NULL;
  g_autoptr(AhiCommandCenter) undone = NULL;
  g_autofree char *reminder = NULL;
  gint64 rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
  const AhiActionCard *card;
  guint n = 0;

  /* Two taps: A1's confirmation, then Merve's offer of the freed slot;
   * one event each, and their ids are the last two of the log. */
  ids = act (fx, "reduce_no_shows");
  slot_ids = act (fx, "fill_slot");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (slot_ids->len, ==, 1);
  reminder = confirmation_of (fx, A1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE seq > (SELECT max(seq) - 2"
                                      " FROM tenant_event_logs) AND type = 'reminder.created'"), ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT entity_id FROM tenant_event_logs WHERE event_id = '%s'",
                                            (char *) g_ptr_array_index (ids, 0));
    g_autofree char *entity = fx_text (fx->store, sql);
    g_assert_cmpstr (entity, ==, reminder);
  }
  /* Waiting to be sent: the fixture's confirmation for A4, A1's and the
   * slot offer: 3. */
  g_assert_cmpuint (count_due (fx), ==, 3);
  done = build (fx);
  g_assert_null (find_card (done, "reduce_no_shows"));

  /* The manager takes the first tap back. */
  g_assert_true (ahi_command_center_undo (fx->store, ids, MANAGER, "manager", fx_time (NOW) + 60, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* The log grew by the two taps and one compensating event, nothing else
   * changed in it: rows + 1 + 1 + 1. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows + 3);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs"
                                            " WHERE seq = (SELECT max(seq) FROM tenant_event_logs)"
                                            " AND type = 'reminder.completed' AND entity_id = '%s'"
                                            " AND actor_user_id = '" MANAGER "' AND actor_role = 'manager'"
                                            " AND payload = '{\"outcome\":\"cancelled\"}'", reminder);
    g_assert_cmpint (fx_int (fx->store, sql), ==, 1);
  }
  /* The reminder is no longer pending: closed without being sent, and the
   * dispatcher has 3 − 1 = 2 left, the slot offer among them. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reminders WHERE reminder_id = '%s'"
                                            " AND status = 'completed' AND outcome = 'cancelled' AND sent_at IS NULL",
                                            reminder);
    g_assert_cmpint (fx_int (fx->store, sql), ==, 1);
  }
  g_assert_cmpuint (count_due (fx), ==, 2);

  /* The card is back with its row; the slot offer was not undone. */
  undone = build (fx);
  card = require_card (undone, "reduce_no_shows");
  g_assert_cmpuint (card->count, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (card->subject_ids, 0), ==, A1);
  g_assert_cmpint (card->expected_value_minor, ==, 22500);
  g_assert_null (find_card (undone, "fill_slot"));

  /* A second undo finds nothing left and writes nothing. */
  g_assert_false (ahi_command_center_undo (fx->store, ids, MANAGER, "manager", fx_time (NOW) + 120, &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows + 3);

  /* The desk may change its mind again: the tap queues a new one. */
  g_assert_true (ahi_command_center_act (fx->store, "reduce_no_shows", STAFF, "staff", fx_time (NOW) + 180, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM reminders WHERE appointment_id = '" A1 "'"
                                      " AND status = 'queued'"), ==, 1);
}

static void
test_undo_after_sent (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *status = NULL;
  gint64 rows;
  guint n = 0;

  /* Fatma books tomorrow 16:00 too: the tap confirms A1 and A6. */
  book (fx, "01900000-0000-7000-8000-0000000ca006", C2, "2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z");
  ids = act (fx, "reduce_no_shows");
  g_assert_cmpuint (ids->len, ==, 2);
  first = confirmation_of (fx, A1);
  second = confirmation_of (fx, "01900000-0000-7000-8000-0000000ca006");

  /* The dispatcher sends A1's before the desk thinks better of it. */
  g_assert_true (ahi_reminder_dispatch_record (fx->store, first, TRUE, "test", "msg-1", NULL, fx_time (NOW) + 30, &error));
  g_assert_no_error (error);
  rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");

  /* Refused whole: nothing written, the other message still waits. */
  g_assert_false (ahi_command_center_undo (fx->store, ids, MANAGER, "manager", fx_time (NOW) + 60, &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_assert_nonnull (strstr (error->message, "1 of the 2"));
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT status FROM reminders WHERE reminder_id = '%s'", second);
    status = fx_text (fx->store, sql);
  }
  g_assert_cmpstr (status, ==, "queued");
}

static void
test_undo_refuses (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  gint64 rows;
  guint n = 0;

  /* What the tables say, card by card (docs/command-center.md, Undo). */
  g_assert_true (ahi_command_center_kind_can_undo ("win_back"));
  g_assert_true (ahi_command_center_kind_can_undo ("fill_slot"));
  g_assert_true (ahi_command_center_kind_can_undo ("reduce_no_shows"));
  g_assert_true (ahi_command_center_kind_can_undo ("ask_reviews"));
  g_assert_true (ahi_command_center_kind_can_undo ("rebook"));
  g_assert_true (ahi_command_center_kind_can_undo ("treatment_continuity"));
  g_assert_true (ahi_command_center_kind_can_undo ("maintenance_recall"));
  g_assert_false (ahi_command_center_kind_can_undo ("recover_low_rating"));
  g_assert_false (ahi_command_center_kind_can_undo ("resolve_ops_alert"));
  g_assert_false (ahi_command_center_kind_can_undo ("tweet"));

  /* A raised recovery task has no event that withdraws it. */
  ids = act (fx, "recover_low_rating");
  g_assert_cmpuint (ids->len, ==, 1);
  rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
  g_assert_false (ahi_command_center_undo (fx->store, ids, MANAGER, "manager", fx_time (NOW), &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM ops_alerts WHERE kind = 'low_rating'"
                                      " AND resolved_at IS NULL"), ==, 1);

  /* An id the log does not hold, and an empty action. */
  g_ptr_array_add (unknown, (gpointer) "01900000-0000-7000-8000-0000000cffff");
  g_assert_false (ahi_command_center_undo (fx->store, unknown, MANAGER, "manager", fx_time (NOW), &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ahi_command_center_undo (fx->store, none, MANAGER, "manager", fx_time (NOW), &n, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows);
}

/* A win-back campaign is undone through its members, even when the undo
 * names only the campaign's event. */
static void
test_undo_campaign (Fixture *fx, gconstpointer data)
{
  const char *reminders[] = { "01900000-0000-7000-8000-0000000cd101", "01900000-0000-7000-8000-0000000cd102" };
  const char *customers[] = { C2, C4 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  gint64 rows;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (reminders); i++)
    {
      g_autofree char *payload = g_strdup_printf (
        "{\"customer_id\":\"%s\",\"channel\":\"whatsapp\",\"purpose\":\"reactivation\",\"due_at\":\"" NOW "\","
        "\"template\":\"reactivation\",\"campaign_id\":\"01900000-0000-7000-8000-0000000c9001\"}", customers[i]);
      fx_append (fx->store, "reminder.created", reminders[i], fx_time (NOW), payload, NULL);
    }
  fx_append (fx->store, "automation.reactivation.queued", "01900000-0000-7000-8000-0000000c9001", fx_time (NOW),
             "{\"tier\":\"at_risk\",\"channel\":\"whatsapp\",\"customer_ids\":[\"" C2 "\",\"" C4 "\"],"
             "\"reminder_ids\":[\"01900000-0000-7000-8000-0000000cd101\",\"01900000-0000-7000-8000-0000000cd102\"],"
             "\"expected_value_minor\":180000}", NULL);
  g_ptr_array_add (ids, fx_text (fx->store, "SELECT event_id FROM tenant_event_logs"
                                            " WHERE type = 'automation.reactivation.queued'"));
  rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");

  g_assert_true (ahi_command_center_undo (fx->store, ids, MANAGER, "manager", fx_time (NOW) + 60, &n, &error));
  g_assert_no_error (error);
  /* Two members, two messages called off. */
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, rows + 2);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM reminders WHERE campaign_id = '01900000-0000-7000-8000-0000000c9001'"
                                      " AND status = 'completed' AND outcome = 'cancelled'"), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) g_test_add ("/store/command-center/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cards", test_cards);
  ADD ("kpi-row-follows-blueprint", test_kpi_row_follows_blueprint);
  ADD ("buttons", test_buttons);
  ADD ("same-bytes-on-a-replica", test_same_bytes_on_a_replica);
  ADD ("read-back-from-json", test_read_back_from_json);
  ADD ("undo", test_undo);
  ADD ("undo-after-sent", test_undo_after_sent);
  ADD ("undo-refuses", test_undo_refuses);
  ADD ("undo-campaign", test_undo_campaign);
  g_test_add_func ("/store/command-center/sector-shapes-the-row", test_sector_shapes_the_row);
#undef ADD

  return g_test_run ();
}
