/* test-desk-user.c — who is at the desk: the staff list and PINs */
#include <string.h>

#include "ahi-test-fixture.h"
#include "store/ahi-desk-user.h"
#include "store/ahi-store-error.h"

#define MANAGER  "01900000-0000-7000-8000-0000000000a1"
#define ZEYNEP   "01900000-0000-7000-8000-0000000000a2"
#define IPEK     "01900000-0000-7000-8000-0000000000a3"
#define ALI      "01900000-0000-7000-8000-0000000000a4"
#define NOBODY   "01900000-0000-7000-8000-0000000000ff"

/* libsodium's Argon2id strings name their cost: m in KiB, t passes.
 * Minimum: MEMLIMIT_MIN 8192 B = 8 KiB, OPSLIMIT_MIN 1. Interactive:
 * MEMLIMIT_INTERACTIVE 67108864 B = 65536 KiB, OPSLIMIT_INTERACTIVE 2. */
#define MIN_COST_PREFIX         "$argon2id$v=19$m=8,t=1,p=1$"
#define INTERACTIVE_COST_PREFIX "$argon2id$v=19$m=65536,t=2,p=1$"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *owner;
} Fixture;

static void
add_member (AhiStore   *store,
            const char *id,
            const char *role,
            const char *name)
{
  g_autofree char *payload = g_strdup_printf ("{\"role\":\"%s\"}", role);
  g_autofree char *pii = g_strdup_printf ("{\"display_name\":\"%s\"}", name);

  fx_append (store, "staff.created", id, fx_time ("2026-06-01T07:00:00Z"), payload, pii);
}

/* A salon whose owner Derya Aksoy (bootstrap) has a manager, two staff
 * members and one who left. */
static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->store = fx_store_new ("desk.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->owner = ahi_tenant_owner_id (fx->tenant_id);
  add_member (fx->store, ZEYNEP, "staff", "Zeynep Kaya");
  add_member (fx->store, MANAGER, "manager", "Çağla Demir");
  add_member (fx->store, IPEK, "staff", "İpek Şahin");
  add_member (fx->store, ALI, "staff", "Ali Veli");
  fx_append (fx->store, "staff.updated", ALI, fx_time ("2026-06-02T07:00:00Z"), "{\"active\":false}", NULL);
  ahi_desk_user_set_min_cost (TRUE);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->owner);
}

static gint64
log_count (Fixture *fx)
{
  return fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
}

static AhiEvent *
set_pin (Fixture    *fx,
         const char *staff_id,
         const char *pin,
         const char *actor_id,
         const char *actor_role)
{
  g_autoptr(GError) error = NULL;
  AhiEvent *event = ahi_desk_user_set_pin_event (fx->store, staff_id, pin, actor_id, actor_role,
                                                 fx_time ("2026-06-03T08:00:00Z"), &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static void
assert_verify (Fixture    *fx,
               const char *staff_id,
               const char *pin,
               GQuark      domain,
               gint        code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = ahi_desk_user_verify_pin (ahi_store_get_db (fx->store), staff_id, pin, &error);

  if (domain == 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_error (error, domain, code);
      g_assert_false (ok);
    }
}

/* ---------------------------------------------------------------- tests */

static void
test_list (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = ahi_desk_users_list (ahi_store_get_db (fx->store), &error);
  /* Owner, then manager, then staff by folded name: "ipek" < "zeynep"
   * (a byte order would put "İ", U+0130, after "Z"). Ali left. */
  const char *expected[][3] = {
    { NULL, "Derya Aksoy", "owner" },
    { MANAGER, "Çağla Demir", "manager" },
    { IPEK, "İpek Şahin", "staff" },
    { ZEYNEP, "Zeynep Kaya", "staff" },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < users->len; i++)
    {
      AhiDeskUser *user = g_ptr_array_index (users, i);

      g_assert_cmpstr (user->staff_id, ==, expected[i][0] != NULL ? expected[i][0] : fx->owner);
      g_assert_cmpstr (user->display_name, ==, expected[i][1]);
      g_assert_cmpstr (user->role, ==, expected[i][2]);
      g_assert_false (user->has_pin);
    }
}

static void
test_set_and_verify (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 before = log_count (fx);
  g_autoptr(AhiEvent) event = set_pin (fx, ZEYNEP, "4821", fx->owner, "owner");
  g_autofree char *hash = NULL;
  g_autoptr(GPtrArray) users = NULL;

  /* The event names its actor, in the log as in the returned copy. */
  g_assert_cmpstr (event->type, ==, "staff.updated");
  g_assert_cmpstr (event->entity_id, ==, ZEYNEP);
  g_assert_cmpint (log_count (fx), ==, before + 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT type || '|' || entity_id || '|' || actor_user_id || '|' || actor_role"
                                            " FROM tenant_event_logs WHERE event_id = '%s'", event->event_id);
    g_autofree char *row = fx_text (fx->store, sql);
    g_autofree char *expected = g_strdup_printf ("staff.updated|%s|%s|owner", ZEYNEP, fx->owner);

    g_assert_cmpstr (row, ==, expected);
  }

  /* The hash is the member's personal data: in event_pii and the staff
   * row, never in the immutable log, and never the PIN itself. */
  hash = fx_text (fx->store, "SELECT pin_hash FROM staff WHERE staff_id = '" ZEYNEP "'");
  g_assert_true (g_str_has_prefix (hash, MIN_COST_PREFIX));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT pii FROM event_pii WHERE event_id = '%s' AND subject_id = '%s'",
                                            event->event_id, ZEYNEP);
    g_autofree char *pii = fx_text (fx->store, sql);
    g_autofree char *payload = NULL;

    g_assert_nonnull (strstr (pii, hash));
    g_free (sql);
    sql = g_strdup_printf ("SELECT payload FROM tenant_event_logs WHERE event_id = '%s'", event->event_id);
    payload = fx_text (fx->store, sql);
    g_assert_null (strstr (payload, "argon2"));
    g_assert_null (strstr (payload, "4821"));
  }
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE instr (payload, '4821') > 0"), ==, 0);

  assert_verify (fx, ZEYNEP, "4821", 0, 0);
  assert_verify (fx, ZEYNEP, "4822", AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN);
  assert_verify (fx, ZEYNEP, "48210", AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN);
  assert_verify (fx, ZEYNEP, "48", AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
  assert_verify (fx, NOBODY, "4821", AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  assert_verify (fx, ALI, "4821", AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  /* The owner has no PIN yet: a third answer, so the UI can offer one. */
  assert_verify (fx, fx->owner, "4821", AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);

  users = ahi_desk_users_list (ahi_store_get_db (fx->store), NULL);
  g_assert_true (((AhiDeskUser *) g_ptr_array_index (users, 3))->has_pin);   /* Zeynep */
  g_assert_false (((AhiDeskUser *) g_ptr_array_index (users, 2))->has_pin);  /* İpek */

  /* A new PIN replaces the old one; six digits are fine. */
  g_clear_pointer (&event, ahi_event_free);
  event = set_pin (fx, ZEYNEP, "007007", ZEYNEP, "staff");
  assert_verify (fx, ZEYNEP, "007007", 0, 0);
  assert_verify (fx, ZEYNEP, "4821", AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN);
  g_assert_cmpint (log_count (fx), ==, before + 2);
}

static void
test_bad_pins (Fixture       *fx,
               gconstpointer  data)
{
  /* Three digits, seven, letters, space around, a dot, a sign, Arabic-
   * Indic digits (U+0664…), full-width digits, empty, none. */
  const char *bad[] = { "123", "1234567", "12a4", " 1234", "1234 ", "12.4", "+1234",
                        "\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94",
                        "", NULL };
  gint64 before = log_count (fx);
  gint64 pii_before = fx_int (fx->store, "SELECT count(*) FROM event_pii");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      AhiEvent *event = ahi_desk_user_set_pin_event (fx->store, ZEYNEP, bad[i], fx->owner, "owner",
                                                     fx_time ("2026-06-03T08:00:00Z"), &error);

      g_assert_null (event);
      g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
      g_assert_false (ahi_desk_pin_is_valid (bad[i], NULL));
    }

  g_assert_cmpint (log_count (fx), ==, before);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM event_pii"), ==, pii_before);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM staff WHERE pin_hash IS NOT NULL"), ==, 0);

  /* The edges that are fine: four and six digits, leading zeros. */
  g_assert_true (ahi_desk_pin_is_valid ("0000", NULL));
  g_assert_true (ahi_desk_pin_is_valid ("999999", NULL));
}

static void
test_permissions (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 before = log_count (fx);
  struct {
    const char *staff_id;
    const char *actor_id;
    const char *actor_role;
    gint        code;     /* -1: allowed */
  } cases[] = {
    { IPEK, ZEYNEP, "staff", AHI_STORE_ERROR_FORBIDDEN },       /* a colleague's */
    { MANAGER, ZEYNEP, "staff", AHI_STORE_ERROR_FORBIDDEN },
    { NULL, MANAGER, "manager", AHI_STORE_ERROR_FORBIDDEN },    /* the owner's */
    { ALI, NULL, "owner", AHI_STORE_ERROR_NOT_FOUND },          /* left */
    { NOBODY, NULL, "owner", AHI_STORE_ERROR_NOT_FOUND },
    { ZEYNEP, ZEYNEP, "staff", -1 },                            /* one's own */
    { IPEK, MANAGER, "manager", -1 },                           /* a manager, staff's */
    { MANAGER, NULL, "owner", -1 },                             /* the owner, anyone's */
    { NULL, NULL, "owner", -1 },                                /* the owner, own */
  };
  guint allowed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *staff_id = cases[i].staff_id != NULL ? cases[i].staff_id : fx->owner;
      const char *actor_id = cases[i].actor_id != NULL ? cases[i].actor_id : fx->owner;
      g_autoptr(AhiEvent) event = ahi_desk_user_set_pin_event (fx->store, staff_id, "2468", actor_id,
                                                               cases[i].actor_role,
                                                               fx_time ("2026-06-03T08:00:00Z"), &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (event);
          g_assert_cmpstr (event->actor_user_id, ==, actor_id);
          allowed++;
        }
      else
        {
          g_assert_error (error, AHI_STORE_ERROR, cases[i].code);
          g_assert_null (event);
        }
    }

  /* One event per allowed case, none for the refused ones. */
  g_assert_cmpuint (allowed, ==, 4);
  g_assert_cmpint (log_count (fx), ==, before + 4);
  assert_verify (fx, IPEK, "2468", 0, 0);
  assert_verify (fx, fx->owner, "2468", 0, 0);
}

static void
test_interactive_cost (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *hash = NULL;
  gint64 started;

  /* What the desk really uses: the interactive cost. */
  ahi_desk_user_set_min_cost (FALSE);
  started = g_get_monotonic_time ();
  event = set_pin (fx, ZEYNEP, "135790", fx->owner, "owner");
  g_test_message ("set PIN at the interactive cost: %.0f ms", (g_get_monotonic_time () - started) / 1e3);
  hash = fx_text (fx->store, "SELECT pin_hash FROM staff WHERE staff_id = '" ZEYNEP "'");
  g_assert_true (g_str_has_prefix (hash, INTERACTIVE_COST_PREFIX));

  /* A hash carries its cost: it verifies whatever the current setting. */
  ahi_desk_user_set_min_cost (TRUE);
  started = g_get_monotonic_time ();
  assert_verify (fx, ZEYNEP, "135790", 0, 0);
  g_test_message ("verify PIN at the interactive cost: %.0f ms", (g_get_monotonic_time () - started) / 1e3);
  assert_verify (fx, ZEYNEP, "135791", AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN);
}

typedef struct {
  GAsyncResult *result;
} Waiter;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;
  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return waiter->result;
}

static void
test_async (Fixture       *fx,
            gconstpointer  data)
{
  gint64 before = log_count (fx);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  Waiter set = { NULL }, right = { NULL }, wrong = { NULL }, bad = { NULL };

  ahi_desk_user_set_pin_event_async (fx->store, IPEK, "9753", MANAGER, "manager",
                                     fx_time ("2026-06-03T08:00:00Z"), NULL, on_done_cb, &set);
  event = ahi_desk_user_set_pin_event_finish (fx->store, wait_for (&set), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (event->actor_user_id, ==, MANAGER);
  g_assert_cmpint (log_count (fx), ==, before + 1);

  ahi_desk_user_verify_pin_async (ahi_store_get_db (fx->store), IPEK, "9753", NULL, on_done_cb, &right);
  g_assert_true (ahi_desk_user_verify_pin_finish (wait_for (&right), &error));
  g_assert_no_error (error);

  ahi_desk_user_verify_pin_async (ahi_store_get_db (fx->store), IPEK, "9754", NULL, on_done_cb, &wrong);
  g_assert_false (ahi_desk_user_verify_pin_finish (wait_for (&wrong), &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_PIN);
  g_clear_error (&error);

  /* Refused before any hashing: nothing appended. */
  ahi_desk_user_set_pin_event_async (fx->store, IPEK, "97a3", MANAGER, "manager",
                                     fx_time ("2026-06-03T08:00:00Z"), NULL, on_done_cb, &bad);
  g_assert_null (ahi_desk_user_set_pin_event_finish (fx->store, wait_for (&bad), &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
  g_assert_cmpint (log_count (fx), ==, before + 1);

  g_object_unref (set.result);
  g_object_unref (right.result);
  g_object_unref (wrong.result);
  g_object_unref (bad.result);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, fn) g_test_add ("/store/desk-user/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("list", test_list);
  ADD ("set-and-verify", test_set_and_verify);
  ADD ("bad-pins", test_bad_pins);
  ADD ("permissions", test_permissions);
  ADD ("interactive-cost", test_interactive_cost);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
