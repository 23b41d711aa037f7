/* test-retention.c — reactivation, campaigns, conversion, the sectors'
 * critical lists and slot fill, every figure worked out by hand
 *
 * The salon (hair_beauty) has the blueprint's tiers: due at 100 %, at
 * risk at 150 %, lost at 300 % of the usual cycle, 42 days when unknown;
 * reactivation rule: 3 attempts, 21-day window, whatsapp; contact cap 30
 * days (tenant default). "Now" is 2027-03-01 09:00 UTC.
 */
#include "ahi-test-fixture.h"
#include "core/ahi-message-purpose.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-retention.h"
#include "store/ahi-store-error.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)

#define CUST(x) "01900000-0000-7000-8000-0000000c00" x
#define C_A CUST ("01")   /* due at the boundary */
#define C_B CUST ("02")   /* one day short of due */
#define C_C CUST ("03")   /* at risk at the boundary, own cycle, valued by sales */
#define C_D CUST ("04")   /* one day short of at risk */
#define C_E CUST ("05")   /* lost at the boundary */
#define C_F CUST ("06")   /* one day short of lost */
#define C_G CUST ("07")   /* erased */
#define C_H CUST ("08")   /* open booking */
#define C_I CUST ("09")   /* last visit a no-show */
#define C_J CUST ("0a")   /* consent withdrawn */
#define C_K CUST ("0b")   /* consent pending in İYS */
#define C_L CUST ("0c")   /* consent on sms only */
#define C_M CUST ("0d")   /* a rebook message 10 days ago: capped */
#define C_N CUST ("0e")   /* an appointment reminder 10 days ago: not capped */
#define C_O CUST ("0f")   /* came back after a reactivation message */
#define C_P CUST ("10")   /* three reactivation attempts used */
#define C_Q CUST ("11")   /* cancels the slot */

#define S_CUT   "01900000-0000-7000-8000-0000000005a1"   /* 60 min, 900,00 TL */
#define S_MEN   "01900000-0000-7000-8000-0000000005a2"   /* 30 min, 450,00 TL */
#define S_COLOR "01900000-0000-7000-8000-0000000005a3"   /* 90 min, 1.500,00 TL */

#define SLOT_APPT "01900000-0000-7000-8000-0000000005f0"

static gint64 now;

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *owner_id;
} Fixture;

/* ------------------------------------------------------------ helpers */

static char *
make_id (guint kind,
         guint n)
{
  return g_strdup_printf ("01900000-0000-7000-8000-%04x%08x", kind, n);
}

static char *
utc (gint64 t)
{
  return ahi_time_format_utc (t);
}

static void
add_service (AhiStore   *store,
             const char *id,
             const char *code,
             guint       minutes,
             gint64      price)
{
  g_autofree char *payload = g_strdup_printf (
    "{\"code\":\"%s\",\"name\":\"%s\",\"duration_min\":%u,\"price_minor\":%" G_GINT64_FORMAT ","
    "\"vat_rate_bp\":2000,\"resource_kinds\":[]}", code, code, minutes, price);

  fx_append (store, "service.created", id, fx_time ("2026-06-01T07:00:00Z"), payload, NULL);
}

static void
add_customer (AhiStore   *store,
              const char *id)
{
  fx_append (store, "customer.created", id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"source\":\"walk_in\"}", "{\"full_name\":\"Deniz Yıldız\"}");
}

static void
book (AhiStore   *store,
      const char *appt,
      const char *customer,
      const char *service,
      gint64      start,
      guint       minutes,
      gint64      price,
      gint64      created_at,
      const char *extra)
{
  g_autofree char *s = utc (start);
  g_autofree char *e = utc (start + minutes * 60);
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"items\":[{\"service_id\":\"%s\","
    "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":%" G_GINT64_FORMAT "}],\"source\":\"desk\"%s}",
    customer, s, e, service, s, e, price, extra != NULL ? extra : "");

  fx_append (store, "appointment.created", appt, created_at, payload, NULL);
}

static void
set_status (AhiStore   *store,
            const char *appt,
            const char *status,
            gint64      at)
{
  g_autofree char *payload = g_strdup_printf ("{\"status\":\"%s\"}", status);

  fx_append (store, "appointment.status.updated", appt, at, payload, NULL);
}

/* A visit booked the day before, finished with status. */
static void
visit_full (AhiStore   *store,
            const char *appt,
            const char *customer,
            const char *service,
            gint64      start,
            guint       minutes,
            gint64      price,
            const char *status)
{
  book (store, appt, customer, service, start, minutes, price, start - DAY, NULL);
  set_status (store, appt, status, start + minutes * 60);
}

static void
visit (AhiStore   *store,
       guint       n,
       const char *customer,
       const char *service,
       gint64      start,
       guint       minutes,
       gint64      price)
{
  g_autofree char *appt = make_id (0xa, n);

  visit_full (store, appt, customer, service, start, minutes, price, "completed");
}

static void
consent (AhiStore   *store,
         guint       n,
         const char *customer,
         const char *channel,
         const char *iys_state)
{
  g_autofree char *id = make_id (0xe, n);
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"purpose\":\"marketing\",\"channel\":\"%s\",\"source\":\"in_person\","
    "\"iys_state\":\"%s\"}", customer, channel, iys_state);

  fx_append (store, "consent.given", id, fx_time ("2026-06-01T08:00:00Z"), payload, NULL);
}

static void
reminder (AhiStore   *store,
          guint       n,
          const char *customer,
          const char *purpose,
          gint64      at,
          const char *result)
{
  g_autofree char *id = make_id (0xd, n);
  g_autofree char *due = utc (at);
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"channel\":\"whatsapp\",\"purpose\":\"%s\",\"due_at\":\"%s\","
    "\"template\":\"t1\"}", customer, purpose, due);

  fx_append (store, "reminder.created", id, at, payload, NULL);
  if (result != NULL)
    {
      g_autofree char *sent = g_strdup_printf ("{\"result\":\"%s\",\"provider\":\"local_outbox\"}", result);

      fx_append (store, "reminder.sent", id, at, sent, NULL);
    }
}

static void
sale (AhiStore   *store,
      guint       n,
      const char *customer,
      const char *appt,
      gint64      amount,
      gint64      at)
{
  g_autofree char *id = make_id (0xf, n);
  g_autofree char *when = utc (at);
  g_autofree char *payload = g_strdup_printf (
    "{\"kind\":\"sale\",\"source\":\"appointment\",\"method\":\"card\",\"amount_minor\":%" G_GINT64_FORMAT ","
    "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\",\"customer_id\":\"%s\","
    "\"appointment_id\":\"%s\"}", amount, when, customer, appt);

  fx_append (store, "revenue.event.created", id, at, payload, NULL);
}

#define AGO(days) (now - (gint64) (days) * DAY)

/* The salon. Visits start at 09:00 UTC, so whole days divide evenly. */
static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  AhiStore *s;
  const char *with_consent[] = { C_A, C_B, C_C, C_D, C_E, C_F, C_G, C_H, C_I, C_M, C_N, C_O, C_P };

  now = fx_time ("2027-03-01T09:00:00Z");
  fx->store = s = fx_store_new ("retention.db");
  fx->tenant_id = fx_create_tenant (s, "hair_beauty");
  fx->owner_id = ahi_tenant_owner_id (fx->tenant_id);

  add_service (s, S_CUT, "kesim", 60, 90000);
  add_service (s, S_MEN, "erkek", 30, 45000);
  add_service (s, S_COLOR, "boya", 90, 150000);

  for (char c = 'A'; c <= 'Q'; c++)
    {
      g_autofree char *id = g_strdup_printf (CUST ("%02x"), c - 'A' + 1);
      add_customer (s, id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (with_consent); i++)
    consent (s, i + 1, with_consent[i], "whatsapp", "registered");
  consent (s, 20, C_J, "whatsapp", "registered");
  fx_append (s, "consent.withdrawn", "01900000-0000-7000-8000-000e00000014", AGO (20), "{\"source\":\"phone\"}", NULL);
  consent (s, 21, C_K, "whatsapp", "pending");
  consent (s, 22, C_L, "sms", "registered");

  /* A: one visit 42 days ago: 42 × 100 ÷ 42 = 100 % → due. */
  visit (s, 1, C_A, S_CUT, AGO (42), 60, 90000);
  /* B: 41 days: 4100 ÷ 42 = 97 % → not due. */
  visit (s, 2, C_B, S_CUT, AGO (41), 60, 90000);
  /* C: visits 105, 75 and 45 days ago: cycle (105 − 45) ÷ 2 = 30 days;
   * 45 × 100 ÷ 30 = 150 % → at risk. Sales 1.500 + 500 TL on two visits:
   * average ticket 200000 ÷ 2 = 100000. */
  visit (s, 3, C_C, S_COLOR, AGO (105), 90, 150000);
  visit (s, 4, C_C, S_COLOR, AGO (75), 90, 150000);
  visit (s, 5, C_C, S_COLOR, AGO (45), 90, 150000);
  {
    g_autofree char *a3 = make_id (0xa, 3);
    g_autofree char *a4 = make_id (0xa, 4);

    sale (s, 1, C_C, a3, 150000, AGO (105));
    sale (s, 2, C_C, a4, 50000, AGO (75));
  }
  /* D: 62 days: 6200 ÷ 42 = 147 % → due. */
  visit (s, 6, C_D, S_MEN, AGO (62), 30, 45000);
  /* E: 126 days: 12600 ÷ 42 = 300 % → lost. */
  visit (s, 7, C_E, S_MEN, AGO (126), 30, 45000);
  /* F: 125 days: 12500 ÷ 42 = 297 % → at risk. */
  visit (s, 8, C_F, S_CUT, AGO (125), 60, 90000);

  /* The skipped: each would be at risk on days alone (100 d = 238 %). */
  visit (s, 9, C_G, S_CUT, AGO (100), 60, 90000);
  fx_append (s, "customer.erased", C_G, AGO (1), "{\"reason\":\"KVKK silme talebi\"}", NULL);
  visit (s, 10, C_H, S_CUT, AGO (100), 60, 90000);
  {
    g_autofree char *open = make_id (0xa, 11);
    book (s, open, C_H, S_CUT, now + 3 * DAY, 60, 90000, AGO (2), NULL);
  }
  visit (s, 12, C_I, S_CUT, AGO (100), 60, 90000);
  {
    g_autofree char *missed = make_id (0xa, 13);
    visit_full (s, missed, C_I, S_CUT, AGO (50), 60, 90000, "no_show");
  }
  visit (s, 14, C_J, S_CUT, AGO (100), 60, 90000);
  visit (s, 15, C_K, S_CUT, AGO (100), 60, 90000);
  visit (s, 16, C_L, S_CUT, AGO (100), 60, 90000);
  visit (s, 17, C_M, S_CUT, AGO (100), 60, 90000);
  reminder (s, 1, C_M, "rebook", AGO (10), "sent");
  /* N: 100 days → 238 % at risk; a service reminder does not cap. */
  visit (s, 18, C_N, S_CUT, AGO (100), 60, 90000);
  reminder (s, 2, C_N, "appointment_reminder", AGO (10), "sent");

  /* O: visited 150 days ago, was sent a win-back 40 days ago, booked 35
   * days ago and came 30 days ago: cycle 120 days, 30 ÷ 120 = 25 %. */
  visit (s, 19, C_O, S_CUT, AGO (150), 60, 90000);
  reminder (s, 3, C_O, "reactivation", AGO (40), "sent");
  {
    g_autofree char *back = make_id (0xa, 20);
    book (s, back, C_O, S_CUT, AGO (30), 60, 90000, AGO (35), NULL);
    set_status (s, back, "completed", AGO (30) + HOUR);
  }
  /* P: 200 days (476 %, lost), three win-backs after it, none booked. */
  visit (s, 21, C_P, S_CUT, AGO (200), 60, 90000);
  reminder (s, 4, C_P, "reactivation", AGO (100), "sent");
  reminder (s, 5, C_P, "reactivation", AGO (70), "sent");
  reminder (s, 6, C_P, "reactivation", AGO (40), "sent");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->owner_id);
}

static AhiRetentionCustomer *
find (GPtrArray  *list,
      const char *customer_id)
{
  for (guint i = 0; i < list->len; i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (list, i);
      if (g_str_equal (c->customer_id, customer_id))
        return c;
    }
  return NULL;
}

/* find, for a customer that must be there. */
static AhiRetentionCustomer *
get (GPtrArray  *list,
     const char *customer_id)
{
  AhiRetentionCustomer *c = find (list, customer_id);

  if (c == NULL)
    g_error ("customer %s is not in the list", customer_id);
  return c;
}

static GPtrArray *
candidates (Fixture *fx, GPtrArray **skipped)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = ahi_retention_reactivation_candidates (ahi_store_get_db (fx->store), now, NULL, skipped, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* -------------------------------------------------------------- tests */

static void
test_return_probability (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AhiStore *fresh = fx_store_new ("fresh.db");
  g_autofree char *tenant = fx_create_tenant (fresh, "hair_beauty");
  guint contacts = 0;
  guint converted = 0;
  guint p;

  /* Four win-backs went out with their 21-day windows closed: O's (O
   * booked 5 days later) and P's three (no booking). With the prior of
   * 10 % weighted as 10 contacts:
   * (1 × 10000 + 1000 × 10) ÷ (4 + 10) = 20000 ÷ 14 = 1428 bp. */
  p = ahi_retention_return_probability_bp (ahi_store_get_db (fx->store), now, &contacts, &converted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts, ==, 4);
  g_assert_cmpuint (converted, ==, 1);
  g_assert_cmpuint (p, ==, 1428);

  /* No history: the prior alone. */
  p = ahi_retention_return_probability_bp (ahi_store_get_db (fresh), now, &contacts, &converted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts, ==, 0);
  g_assert_cmpuint (p, ==, 1000);
  fx_store_free (fresh);
}

static void
test_candidates_and_tiers (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) list = candidates (fx, NULL);
  /* score = ratio % × average ticket ÷ 100, highest first:
   *   F 297 × 90000 ÷ 100 = 267300   at risk
   *   N 238 × 90000 ÷ 100 = 214200   at risk  (10000 ÷ 42 = 238)
   *   C 150 × 100000 ÷ 100 = 150000  at risk
   *   E 300 × 45000 ÷ 100 = 135000   lost
   *   A 100 × 90000 ÷ 100 = 90000    due
   *   D 147 × 45000 ÷ 100 = 66150    due
   * expected value = 1428 bp × ticket: 90000 → 12852, 100000 → 14280,
   * 45000 → 6426. */
  const struct {
    const char  *id;
    AhiRiskTier  tier;
    gint64       ratio;
    gint64       cycle;
    gboolean     own;
    gint64       ticket;
    gint64       score;
    gint64       ev;
  } expected[] = {
    { C_F, AHI_RISK_TIER_AT_RISK, 297, 42, FALSE, 90000, 267300, 12852 },
    { C_N, AHI_RISK_TIER_AT_RISK, 238, 42, FALSE, 90000, 214200, 12852 },
    { C_C, AHI_RISK_TIER_AT_RISK, 150, 30, TRUE, 100000, 150000, 14280 },
    { C_E, AHI_RISK_TIER_LOST, 300, 42, FALSE, 45000, 135000, 6426 },
    { C_A, AHI_RISK_TIER_DUE, 100, 42, FALSE, 90000, 90000, 12852 },
    { C_D, AHI_RISK_TIER_DUE, 147, 42, FALSE, 45000, 66150, 6426 },
  };

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (list, i);

      g_assert_cmpstr (c->customer_id, ==, expected[i].id);
      g_assert_cmpint (c->skip, ==, AHI_RETENTION_SKIP_NONE);
      g_assert_cmpint (c->tier, ==, expected[i].tier);
      g_assert_cmpint (c->ratio_pct, ==, expected[i].ratio);
      g_assert_cmpint (c->cycle_days, ==, expected[i].cycle);
      g_assert_cmpint (c->cycle_from_history, ==, expected[i].own);
      g_assert_cmpint (c->avg_ticket_minor, ==, expected[i].ticket);
      g_assert_cmpint (c->score, ==, expected[i].score);
      g_assert_cmpint (c->expected_value_minor, ==, expected[i].ev);
    }
  g_assert_cmpint (get (list, C_C)->days_since, ==, 45);
  g_assert_cmpstr (ahi_risk_tier_to_string (AHI_RISK_TIER_AT_RISK), ==, "at_risk");
}

static void
test_skip_reasons (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) list = candidates (fx, &skipped);
  const struct {
    const char       *id;
    AhiRetentionSkip  skip;
  } expected[] = {
    { C_B, AHI_RETENTION_SKIP_NOT_DUE },
    { C_G, AHI_RETENTION_SKIP_ERASED },
    { C_H, AHI_RETENTION_SKIP_OPEN_BOOKING },
    { C_I, AHI_RETENTION_SKIP_LAST_NO_SHOW },
    { C_J, AHI_RETENTION_SKIP_NO_CONSENT },
    { C_K, AHI_RETENTION_SKIP_NO_CONSENT },
    { C_L, AHI_RETENTION_SKIP_NO_CONSENT },
    { C_M, AHI_RETENTION_SKIP_CONTACT_CAP },
    { C_O, AHI_RETENTION_SKIP_NOT_DUE },
    { C_P, AHI_RETENTION_SKIP_MAX_ATTEMPTS },
  };

  /* Q never completed a visit: in neither list. */
  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AhiRetentionCustomer *c = get (skipped, expected[i].id);

      g_assert_null (find (list, expected[i].id));
      g_assert_cmpstr (ahi_retention_skip_to_string (c->skip), ==,
                       ahi_retention_skip_to_string (expected[i].skip));
    }
  g_assert_null (find (list, C_Q));
  g_assert_null (find (skipped, C_Q));

  /* O's own cycle: (150 − 30) ÷ 1 = 120 days, 30 days since: 25 %. */
  g_assert_cmpint (get (skipped, C_O)->cycle_days, ==, 120);
  g_assert_cmpint (get (skipped, C_O)->ratio_pct, ==, 25);
  /* P is lost (200 × 100 ÷ 42 = 476 %) but out of attempts. */
  g_assert_cmpint (get (skipped, C_P)->tier, ==, AHI_RISK_TIER_LOST);

  /* On sms only L has a consent, and then it is the one at risk there:
   * the channel decides. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) sms = ahi_retention_reactivation_candidates (ahi_store_get_db (fx->store), now, "sms",
                                                                      NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (sms->len, ==, 1);
    g_assert_cmpstr (((AhiRetentionCustomer *) g_ptr_array_index (sms, 0))->customer_id, ==, C_L);
  }
}

static void
test_queue_campaign (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *second = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *ids = NULL;
  AhiReactivationRequest request = {
    .tier = AHI_RISK_TIER_AT_RISK,
    .actor_user_id = fx->owner_id,
    .actor_role = "owner",
  };
  gint64 log_before = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
  guint n = 0;

  g_assert_true (ahi_retention_queue_campaign (fx->store, &request, now, &campaign, &n, &error));
  g_assert_no_error (error);
  g_assert_nonnull (campaign);
  g_assert_cmpuint (n, ==, 3);

  /* Exactly four events: three reminders, then the campaign. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, log_before + 4);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE seq > (SELECT max(seq) - 4"
                                      " FROM tenant_event_logs) AND type = 'reminder.created'"), ==, 3);
  ids = fx_text (fx->store, "SELECT type FROM tenant_event_logs ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (ids, ==, "automation.reactivation.queued");

  /* At risk, best score first: F, N, C; 12852 + 12852 + 14280 = 39984. */
  sql = g_strdup_printf ("SELECT expected_value_minor FROM campaigns WHERE campaign_id = '%s'", campaign);
  g_assert_cmpint (fx_int (fx->store, sql), ==, 39984);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT group_concat (customer_id, ' ') FROM (SELECT r.customer_id FROM reminders r"
                         " WHERE r.campaign_id = '%s' AND r.purpose = 'reactivation' AND r.channel = 'whatsapp'"
                         " AND r.template = 'reactivation_at_risk' AND r.due_at = %" G_GINT64_FORMAT
                         " ORDER BY r.customer_id)", campaign, now);
  g_clear_pointer (&ids, g_free);
  ids = fx_text (fx->store, sql);
  g_assert_cmpstr (ids, ==, C_C " " C_F " " C_N);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM campaign_members m JOIN reminders r ON r.reminder_id = m.reminder_id"
                         " AND r.customer_id = m.customer_id WHERE m.campaign_id = '%s'", campaign);
  g_assert_cmpint (fx_int (fx->store, sql), ==, 3);
  g_assert_cmpint (fx_int (fx->store, "SELECT tier = 'at_risk' AND customer_count = 3 FROM campaigns"
                                      " WHERE channel = 'whatsapp'"), ==, 1);

  /* Again at once: all three are inside the contact cap now. Nothing is
   * written and no campaign comes back. */
  log_before = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");
  g_assert_true (ahi_retention_queue_campaign (fx->store, &request, now + HOUR, &second, &n, &error));
  g_assert_no_error (error);
  g_assert_null (second);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, log_before);
  {
    g_autoptr(GPtrArray) skipped = NULL;
    g_autoptr(GPtrArray) list = candidates (fx, &skipped);

    g_assert_cmpint (get (skipped, C_F)->skip, ==, AHI_RETENTION_SKIP_CONTACT_CAP);
    g_assert_null (find (list, C_N));
  }

  /* The lost tier is still open: E alone, 6426. */
  request.tier = AHI_RISK_TIER_LOST;
  request.template_id = "winback_lost";
  g_assert_true (ahi_retention_queue_campaign (fx->store, &request, now, &second, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT expected_value_minor FROM campaigns WHERE campaign_id = '%s'", second);
  g_assert_cmpint (fx_int (fx->store, sql), ==, 6426);
}

static void
test_conversion (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *campaign = NULL;
  AhiReactivationRequest request = {
    .tier = AHI_RISK_TIER_AT_RISK,
    .actor_user_id = fx->owner_id,
    .actor_role = "owner",
  };
  AhiReactivationConversion conv;
  const char *who[] = { C_F, C_N, C_C };
  const char *result[] = { "sent", "sent", "failed" };
  guint n = 0;

  g_assert_true (ahi_retention_queue_campaign (fx->store, &request, now, &campaign, &n, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT reminder_id FROM reminders WHERE campaign_id = '%s'"
                                              " AND customer_id = '%s'", campaign, who[i]);
      g_autofree char *id = fx_text (fx->store, sql);
      g_autofree char *payload = g_strdup_printf ("{\"result\":\"%s\",\"provider\":\"local_outbox\"}", result[i]);

      fx_append (fx->store, "reminder.sent", id, now + HOUR, payload, NULL);
    }

  /* F books two days later (inside 21 days), comes and pays 950 TL. C's
   * message failed: C books too but was never contacted. */
  {
    g_autofree char *back = make_id (0xa, 100);
    g_autofree char *c_back = make_id (0xa, 101);

    book (fx->store, back, C_F, S_CUT, now + 5 * DAY, 60, 95000, now + 2 * DAY, NULL);
    set_status (fx->store, back, "completed", now + 5 * DAY + HOUR);
    sale (fx->store, 100, C_F, back, 95000, now + 5 * DAY + HOUR);
    book (fx->store, c_back, C_C, S_COLOR, now + 6 * DAY, 90, 150000, now + 2 * DAY, NULL);
  }

  /* Contacted F and N; F converted: 1 ÷ 2 = 5000 bp; 95000 brought back. */
  g_assert_true (ahi_retention_conversion (ahi_store_get_db (fx->store), now, now + 30 * DAY, &conv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conv.contacted, ==, 2);
  g_assert_cmpuint (conv.converted, ==, 1);
  g_assert_cmpuint (conv.conversion_bp, ==, 5000);
  g_assert_cmpint (conv.revenue_minor, ==, 95000);

  /* The earlier month: O's message 40 days ago brought O back (booked
   * 5 days later); O's visit had no sale linked: 0 revenue. P's three:
   * only the one 40 days ago falls in [−45 d, now): P and O contacted. */
  g_assert_true (ahi_retention_conversion (ahi_store_get_db (fx->store), AGO (45), now, &conv, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conv.contacted, ==, 2);
  g_assert_cmpuint (conv.converted, ==, 1);
  g_assert_cmpuint (conv.conversion_bp, ==, 5000);
  g_assert_cmpint (conv.revenue_minor, ==, 0);
}

static void
test_rebook (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = ahi_retention_rebook_candidates (ahi_store_get_db (fx->store), now, &error);
  g_autoptr(GPtrArray) all = ahi_retention_critical_actions (ahi_store_get_db (fx->store), now, &error);
  g_autofree char *a1 = make_id (0xa, 1);
  AhiCriticalAction *first;

  /* Window 30–45 days, both ends in: C (45 d, the last day), A (42 d),
   * B (41 d), O (30 d, the first day); oldest visit first. D (62 d) and
   * the 100-day customers are past it. */
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (((AhiCriticalAction *) g_ptr_array_index (list, 0))->customer_id, ==, C_C);
  first = g_ptr_array_index (list, 1);
  g_assert_cmpstr (first->customer_id, ==, C_A);
  g_assert_cmpstr (first->subject_id, ==, a1);
  g_assert_cmpint (first->due_at, ==, AGO (42) + 30 * DAY);
  g_assert_cmpstr (first->reason, ==, "rebook_window");
  g_assert_cmpstr (((AhiCriticalAction *) g_ptr_array_index (list, 2))->customer_id, ==, C_B);
  g_assert_cmpstr (((AhiCriticalAction *) g_ptr_array_index (list, 3))->customer_id, ==, C_O);

  /* The salon's blueprint has only the rebook list. */
  g_assert_cmpuint (all->len, ==, 4);

  /* A rebook nudge is commercial: once queued, the cap holds B back. */
  reminder (fx->store, 50, C_B, "rebook", now, NULL);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ahi_retention_rebook_candidates (ahi_store_get_db (fx->store), now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
}

static void
test_slot_fill (Fixture *fx, gconstpointer data)
{
  AhiStore *s = fx->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 start = now + 2 * DAY;
  g_autofree char *early = utc (start + DAY);
  g_autofree char *late_entry = g_strdup_printf ("{\"customer_id\":\"%s\",\"service_id\":\"%s\","
                                                 "\"earliest_at\":\"%s\"}", C_E, S_MEN, early);
  const struct {
    const char        *id;
    AhiSlotFillSource  source;
    gint64             ev;
  } expected[] = {
    { C_B, AHI_SLOT_FILL_WAITLIST, 45000 },   /* waited longest; a 30-min service fits 60 min */
    { C_D, AHI_SLOT_FILL_WAITLIST, 90000 },   /* the very service freed */
    { C_A, AHI_SLOT_FILL_AT_RISK, 12852 },    /* 1428 bp × 90000, ties by id: A, F, N */
    { C_F, AHI_SLOT_FILL_AT_RISK, 12852 },
    { C_N, AHI_SLOT_FILL_AT_RISK, 12852 },
    { C_E, AHI_SLOT_FILL_AT_RISK, 6426 },     /* 1428 × 45000; E's waitlist entry starts too late */
  };

  /* Q's 60-minute cut in two days is cancelled. */
  book (s, SLOT_APPT, C_Q, S_CUT, start, 60, 90000, AGO (3), NULL);
  fx_append (s, "appointment.cancelled", SLOT_APPT, now, "{\"cancelled_by\":\"customer\"}", NULL);

  fx_append (s, "waitlist.entry.added", "01900000-0000-7000-8000-0000000007a1", AGO (5),
             "{\"customer_id\":\"" C_B "\",\"service_id\":\"" S_MEN "\"}", NULL);
  fx_append (s, "waitlist.entry.added", "01900000-0000-7000-8000-0000000007a2", AGO (3),
             "{\"customer_id\":\"" C_D "\",\"service_id\":\"" S_CUT "\"}", NULL);
  /* A waits for a 90-minute colour: does not fit, not the freed service. */
  fx_append (s, "waitlist.entry.added", "01900000-0000-7000-8000-0000000007a3", AGO (6),
             "{\"customer_id\":\"" C_A "\",\"service_id\":\"" S_COLOR "\"}", NULL);
  fx_append (s, "waitlist.entry.added", "01900000-0000-7000-8000-0000000007a4", AGO (7), late_entry, NULL);
  /* M left the list. */
  fx_append (s, "waitlist.entry.added", "01900000-0000-7000-8000-0000000007a5", AGO (8),
             "{\"customer_id\":\"" C_M "\",\"service_id\":\"" S_CUT "\"}", NULL);
  fx_append (s, "waitlist.entry.removed", "01900000-0000-7000-8000-0000000007a5", AGO (1),
             "{\"reason\":\"withdrawn\"}", NULL);

  /* Then the reactivation candidates whose usual service fits 60 min:
   * C's is the 90-minute colour, out. */
  list = ahi_retention_slot_fill_candidates (ahi_store_get_db (s), SLOT_APPT, now, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      AhiSlotFillCandidate *c = g_ptr_array_index (list, i);

      g_assert_cmpstr (c->customer_id, ==, expected[i].id);
      g_assert_cmpint (c->source, ==, expected[i].source);
      g_assert_cmpint (c->expected_value_minor, ==, expected[i].ev);
    }
  g_assert_cmpstr (((AhiSlotFillCandidate *) g_ptr_array_index (list, 0))->entry_id, ==,
                   "01900000-0000-7000-8000-0000000007a1");
  g_assert_cmpstr (((AhiSlotFillCandidate *) g_ptr_array_index (list, 2))->service_id, ==, S_CUT);

  /* The rule's max_candidates (5) when no limit is given. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ahi_retention_slot_fill_candidates (ahi_store_get_db (s), SLOT_APPT, now, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);

  /* 30 minutes before the start is inside the 60-minute lead: nobody. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ahi_retention_slot_fill_candidates (ahi_store_get_db (s), SLOT_APPT, start - 30 * 60, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  /* A live appointment frees nothing. */
  {
    g_autofree char *open = make_id (0xa, 11);

    g_clear_pointer (&list, g_ptr_array_unref);
    list = ahi_retention_slot_fill_candidates (ahi_store_get_db (s), open, now, 0, &error);
    g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
    g_assert_null (list);
  }
}

/* ------------------------------------------------------------- dental */

static void
test_dental_continuity (void)
{
  AhiStore *s = fx_store_new ("dental.db");
  g_autofree char *tenant = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) all = NULL;
  AhiCriticalAction *a;

  now = fx_time ("2027-03-01T09:00:00Z");
  tenant = fx_create_tenant (s, "dental_esthetic");
  add_service (s, S_CUT, "kanal", 60, 500000);
  add_customer (s, C_A);
  add_customer (s, C_B);
  add_customer (s, C_C);
  add_customer (s, C_D);

  /* A: three steps, one done 30 days ago: 30 ≥ 21-day gap → listed,
   * due 30 − 21 = 9 days ago. */
  fx_append (s, "treatment_plan.created", "01900000-0000-7000-8000-0000000008a1", AGO (40),
             "{\"customer_id\":\"" C_A "\",\"title\":\"Kanal tedavisi\",\"steps\":["
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b1\",\"label\":\"1. seans\"},"
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b2\",\"label\":\"2. seans\"},"
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b3\",\"label\":\"Kron\"}]}", NULL);
  fx_append (s, "treatment_plan.step.done", "01900000-0000-7000-8000-0000000008a1", AGO (30),
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b1\"}", NULL);
  /* B: made 10 days ago, nothing done: inside the gap, not yet. */
  fx_append (s, "treatment_plan.created", "01900000-0000-7000-8000-0000000008a2", AGO (10),
             "{\"customer_id\":\"" C_B "\",\"title\":\"İmplant\",\"steps\":["
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b4\",\"label\":\"Cerrahi\"}]}", NULL);
  /* C: unfinished and 40 days old, but the next session is booked. */
  fx_append (s, "treatment_plan.created", "01900000-0000-7000-8000-0000000008a3", AGO (40),
             "{\"customer_id\":\"" C_C "\",\"title\":\"Dolgu\",\"steps\":["
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b5\",\"label\":\"Dolgu\"}]}", NULL);
  {
    g_autofree char *next = make_id (0xa, 1);
    book (s, next, C_C, S_CUT, now + 2 * DAY, 60, 500000, AGO (1), NULL);
  }
  /* D: its only step done 40 days ago: finished. */
  fx_append (s, "treatment_plan.created", "01900000-0000-7000-8000-0000000008a4", AGO (50),
             "{\"customer_id\":\"" C_D "\",\"title\":\"Çekim\",\"steps\":["
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b6\",\"label\":\"Çekim\"}]}", NULL);
  fx_append (s, "treatment_plan.step.done", "01900000-0000-7000-8000-0000000008a4", AGO (40),
             "{\"step_id\":\"01900000-0000-7000-8000-0000000008b6\"}", NULL);

  list = ahi_retention_treatment_candidates (ahi_store_get_db (s), now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->customer_id, ==, C_A);
  g_assert_cmpstr (a->subject_id, ==, "01900000-0000-7000-8000-0000000008a1");
  g_assert_cmpint (a->last_at, ==, AGO (30));
  g_assert_cmpint (a->due_at, ==, AGO (9));
  g_assert_cmpstr (a->reason, ==, "plan_open");

  /* Service message: no consent was ever given, and it is listed. The
   * dental blueprint has no rebook rule: the critical list is this one. */
  all = ahi_retention_critical_actions (ahi_store_get_db (s), now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  fx_store_free (s);
}

/* --------------------------------------------------------------- auto */

static void
add_vehicle (AhiStore   *store,
             const char *id,
             const char *customer,
             const char *extra,
             gint64      at)
{
  g_autofree char *payload = g_strdup_printf ("{\"customer_id\":\"%s\"%s}", customer, extra);

  fx_append (store, "vehicle.created", id, at, payload, "{\"plate\":\"34 ABC 123\"}");
}

static void
test_auto_maintenance (void)
{
  AhiStore *s = fx_store_new ("auto.db");
  g_autofree char *tenant = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 read_at = fx_time ("2026-01-01T00:00:00Z");
  const char *v1 = "01900000-0000-7000-8000-0000000009a1";
  const char *v2 = "01900000-0000-7000-8000-0000000009a2";
  const char *v3 = "01900000-0000-7000-8000-0000000009a3";
  const char *v4 = "01900000-0000-7000-8000-0000000009a4";
  AhiCriticalAction *a;

  now = fx_time ("2027-03-01T09:00:00Z");
  tenant = fx_create_tenant (s, "auto_service");
  add_service (s, S_CUT, "bakim", 90, 900000);
  add_customer (s, C_A);
  add_customer (s, C_B);
  add_customer (s, C_C);
  add_customer (s, C_D);

  /* Rule: 12 months (365 days), 15 000 km, 1 250 km a month, remind 14
   * days before.
   * V1: 2021 model, 50 000 km on 2026-01-01: 1826 days in use, so
   *   15000 × 1826 ÷ 50000 = 547 days for the km: months first. Serviced
   *   360 days ago: due in 5 days, inside 14 → listed, by months. */
  add_vehicle (s, v1, C_A, ",\"year\":2021,\"km\":50000", read_at);
  /* V2: 2024 model, 100 000 km on 2026-01-01: 731 days in use,
   *   15000 × 731 ÷ 100000 = 109 days: a heavy user. Serviced 100 days
   *   ago: due in 9 days → listed, by km. */
  add_vehicle (s, v2, C_B, ",\"year\":2024,\"km\":100000", read_at);
  /* V3: like V1, serviced 100 days ago: due in 265 days → not listed. */
  add_vehicle (s, v3, C_C, ",\"year\":2021,\"km\":50000", read_at);
  /* V4: no odometer: 15000 ÷ 1250 months = 365 days; serviced 360 days
   *   ago, but the next service is already booked → not listed. */
  add_vehicle (s, v4, C_D, "", read_at);
  {
    g_autofree char *x1 = g_strdup_printf (",\"vehicle_id\":\"%s\"", v1);
    g_autofree char *x2 = g_strdup_printf (",\"vehicle_id\":\"%s\"", v2);
    g_autofree char *x3 = g_strdup_printf (",\"vehicle_id\":\"%s\"", v3);
    g_autofree char *x4 = g_strdup_printf (",\"vehicle_id\":\"%s\"", v4);
    g_autofree char *a1 = make_id (0xa, 1);
    g_autofree char *a2 = make_id (0xa, 2);
    g_autofree char *a3 = make_id (0xa, 3);
    g_autofree char *a4 = make_id (0xa, 4);
    g_autofree char *a5 = make_id (0xa, 5);

    book (s, a1, C_A, S_CUT, AGO (360), 90, 900000, AGO (361), x1);
    set_status (s, a1, "completed", AGO (360) + 2 * HOUR);
    book (s, a2, C_B, S_CUT, AGO (100), 90, 900000, AGO (101), x2);
    set_status (s, a2, "completed", AGO (100) + 2 * HOUR);
    book (s, a3, C_C, S_CUT, AGO (100), 90, 900000, AGO (101), x3);
    set_status (s, a3, "completed", AGO (100) + 2 * HOUR);
    book (s, a4, C_D, S_CUT, AGO (360), 90, 900000, AGO (361), x4);
    set_status (s, a4, "completed", AGO (360) + 2 * HOUR);
    book (s, a5, C_D, S_CUT, now + 3 * DAY, 90, 900000, AGO (1), x4);
  }

  list = ahi_retention_maintenance_candidates (ahi_store_get_db (s), now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->subject_id, ==, v1);
  g_assert_cmpstr (a->customer_id, ==, C_A);
  g_assert_cmpstr (a->reason, ==, "months");
  g_assert_cmpint (a->last_at, ==, AGO (360));
  g_assert_cmpint (a->due_at, ==, AGO (360) + 365 * DAY);
  a = g_ptr_array_index (list, 1);
  g_assert_cmpstr (a->subject_id, ==, v2);
  g_assert_cmpstr (a->reason, ==, "km");
  g_assert_cmpint (a->due_at, ==, AGO (100) + 109 * DAY);

  fx_store_free (s);
}

/* The store's SQL list of commercial purposes is core's table, run by
 * SQLite itself: every purpose is in the list exactly when the table
 * calls it commercial, and the list holds nothing else. */
static void
test_commercial_sql_is_the_table (Fixture *fx, gconstpointer data)
{
  const AhiMessagePurpose *purposes;
  guint n = 0, commercial = 0;

  purposes = ahi_message_purpose_list (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT '%s' IN " AHI_COMMERCIAL_PURPOSES_SQL, purposes[i].purpose);

      g_assert_cmpint (fx_int (fx->store, sql), ==, purposes[i].kind == AHI_MESSAGE_KIND_COMMERCIAL);
      commercial += purposes[i].kind == AHI_MESSAGE_KIND_COMMERCIAL;
    }
  /* As many items as the table has commercial purposes: a name outside
   * the table would make the list longer. */
  {
    g_auto(GStrv) items = g_strsplit (AHI_COMMERCIAL_PURPOSES_SQL, ",", -1);

    g_assert_cmpuint (g_strv_length (items), ==, commercial);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) \
  g_test_add ("/store/retention/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("return-probability", test_return_probability);
  ADD ("candidates-and-tiers", test_candidates_and_tiers);
  ADD ("skip-reasons", test_skip_reasons);
  ADD ("queue-campaign", test_queue_campaign);
  ADD ("conversion", test_conversion);
  ADD ("hair-rebook", test_rebook);
  ADD ("slot-fill", test_slot_fill);
  ADD ("commercial-sql-is-the-table", test_commercial_sql_is_the_table);
#undef ADD
  g_test_add_func ("/store/retention/dental-continuity", test_dental_continuity);
  g_test_add_func ("/store/retention/auto-maintenance", test_auto_maintenance);

  return g_test_run ();
}
