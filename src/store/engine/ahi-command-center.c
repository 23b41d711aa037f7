/* ahi-command-center.c — what the desk should do now, and the money in it
 *
 * Each card kind is a provider: collect() finds the rows behind the card
 * and its expected value at "now"; plan() builds the events its button
 * appends for the very same rows. Providers of other engines (retention,
 * reputation, slot fill) only gather; the ranking, the snapshot's form
 * and the one write path are here.
 */
#include "store/engine/ahi-command-center.h"

#include "store/engine/ahi-kpi-query.h"
#include "store/engine/ahi-reputation.h"
#include "store/engine/ahi-retention.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "store/ahi-tenant.h"
#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

typedef struct {
  AhiStore     *store;
  AhiDb        *db;
  AhiBlueprint *blueprint;
  GTimeZone    *zone;
  gint64        now;
  const char   *actor;       /* who acts (drafts of the snapshot: the owner) */
  const char   *role;
  GPtrArray    *critical;    /* the sector's critical list, read once */
  gint64        value_each;  /* expected_per_customer, -1 until read */
} Context;

typedef struct {
  const char *kind;
  /* Fills card; a card left with count 0 is dropped. */
  gboolean  (*collect) (Context *ctx, AhiActionCard *card, GError **error);
  /* Appends to events what the button does; NULL for cards that only lead
   * somewhere (open alerts need a person to judge them). */
  gboolean  (*plan)    (Context *ctx, GPtrArray *events, GError **error);
  /* Whether ahi_command_center_undo can take the button's events back:
   * queued messages can be called off before they are sent; a raised
   * alert has no event that withdraws it (docs/command-center.md). */
  gboolean    undoable;
} Provider;

/* A reminder of the same purpose this recently makes a second tap a no-op
 * for service messages, which have no contact cap of their own. One the
 * desk took back before it was sent (an undo) reached nobody and does not
 * count, here nor in the card's other "offered already" checks. */
#define RECENT_REMINDER_DAYS 7

/* ------------------------------------------------------------- helpers */

/* amount × bp ÷ 10000, half up; saturates instead of overflowing (prices
 * are bounded by 10^14 kuruş, their sums are not). */
static gint64
scale_bp (gint64 amount,
          gint64 bp)
{
  gint64 product;

  if (__builtin_mul_overflow (amount, bp, &product) || __builtin_add_overflow (product, 5000, &product))
    return G_MAXINT64 / 10000;
  return product / 10000;
}

static void
saturating_add (gint64 *sum,
                gint64  value)
{
  if (__builtin_add_overflow (*sum, value, sum))
    *sum = G_MAXINT64;
}

static gint64
saturating_mul (gint64 a,
                gint64 b)
{
  gint64 product;

  return __builtin_mul_overflow (a, b, &product) ? G_MAXINT64 : product;
}

static AhiActionCard *
card_new (const char *kind)
{
  AhiActionCard *card = g_new0 (AhiActionCard, 1);

  card->kind = g_strdup (kind);
  card->why = json_object_new ();
  card->subject_ids = g_ptr_array_new_with_free_func (g_free);
  card->button_events = g_ptr_array_new_with_free_func (g_free);
  return card;
}

void
ahi_action_card_free (AhiActionCard *card)
{
  if (card == NULL)
    return;
  g_free (card->kind);
  g_clear_pointer (&card->why, json_object_unref);
  g_clear_pointer (&card->subject_ids, g_ptr_array_unref);
  g_clear_pointer (&card->button_events, g_ptr_array_unref);
  g_free (card);
}

void
ahi_command_center_free (AhiCommandCenter *center)
{
  if (center == NULL)
    return;
  g_free (center->tenant_id);
  g_free (center->sector);
  g_clear_pointer (&center->kpis, g_array_unref);
  g_clear_pointer (&center->cards, g_ptr_array_unref);
  g_free (center);
}

static void
card_add_subject (AhiActionCard *card,
                  const char    *id)
{
  card->count++;
  if (card->subject_ids->len < AHI_COMMAND_CENTER_MAX_ROWS)
    g_ptr_array_add (card->subject_ids, g_strdup (id));
}

/* The local day after now's, as [from, to) in unix seconds. */
static void
tomorrow (Context *ctx,
          gint64  *from,
          gint64  *to)
{
  gint64 day = ahi_time_local_day (ctx->zone, ctx->now) + 1;
  g_autoptr(GDateTime) d = g_date_time_new_from_unix_utc (day * 86400);
  g_autoptr(GDateTime) next = g_date_time_add_days (d, 1);

  *from = ahi_time_from_local (ctx->zone, g_date_time_get_year (d), g_date_time_get_month (d),
                               g_date_time_get_day_of_month (d), 0, 0);
  *to = ahi_time_from_local (ctx->zone, g_date_time_get_year (next), g_date_time_get_month (next),
                             g_date_time_get_day_of_month (next), 0, 0);
}

static const char *
rule_channel (Context    *ctx,
              const char *kind)
{
  const AhiAutomationRule *rule = ahi_blueprint_lookup_automation (ctx->blueprint, kind);

  if (rule == NULL || !json_object_has_member (rule->params, "channel"))
    return "whatsapp";
  return json_object_get_string_member (rule->params, "channel");
}

static AhiEvent *
new_reminder (Context    *ctx,
              const char *customer_id,
              const char *channel,
              const char *purpose,
              const char *template)
{
  g_autofree char *id = ahi_id_new ();
  g_autofree char *due = ahi_time_format_utc (ctx->now);
  AhiEvent *event = ahi_store_new_event (ctx->store, "reminder.created", id, ctx->actor, ctx->role, ctx->now);

  json_object_set_string_member (event->payload, "customer_id", customer_id);
  json_object_set_string_member (event->payload, "channel", channel);
  json_object_set_string_member (event->payload, "purpose", purpose);
  json_object_set_string_member (event->payload, "due_at", due);
  json_object_set_string_member (event->payload, "template", template);
  return event;
}

/* -------------------------------------------------- reduce no-shows */

#define UNCONFIRMED_TOMORROW_SQL \
  "SELECT a.appointment_id, a.customer_id, a.total_minor FROM appointments a" \
  " JOIN customers c ON c.customer_id = a.customer_id" \
  " WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND a.status = 'booked'" \
  " AND c.phone IS NOT NULL AND c.erased_at IS NULL" \
  " AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.appointment_id = a.appointment_id" \
  "                 AND r.purpose = 'appointment_confirmation' AND NOT " AHI_REMINDER_WITHDRAWN_SQL ("r") ")" \
  " ORDER BY a.starts_at, a.appointment_id"

/* The no-show rate of the last 90 days, in basis points (0 without
 * history), by the KPI's definition (no_show ÷ completed + arrived +
 * no_show): what a confirmation is expected to save. */
static gint64
recent_no_show_bp (Context  *ctx,
                   GError  **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db,
    "SELECT count(*) FILTER (WHERE status = 'no_show'), count(*) FROM appointments"
    " WHERE starts_at >= ?1 AND starts_at < ?2 AND status IN ('completed', 'arrived', 'no_show')", error);
  g_autoptr(GError) local_error = NULL;
  gint64 rate = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, ctx->now - 90 * 86400);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  if (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      gint64 no_shows = sqlite3_column_int64 (stmt, 0), finished = sqlite3_column_int64 (stmt, 1);

      if (!ahi_kpi_ratio_bp (no_shows, finished, &rate))
        rate = 0;
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return rate;
}

static gboolean
collect_no_shows (Context        *ctx,
                  AhiActionCard  *card,
                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 from, to, at_stake = 0, rate;
  sqlite3_stmt *stmt;

  rate = recent_no_show_bp (ctx, error);
  if (rate < 0)
    return FALSE;
  tomorrow (ctx, &from, &to);
  stmt = ahi_db_prepare (ctx->db, UNCONFIRMED_TOMORROW_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      card_add_subject (card, (const char *) sqlite3_column_text (stmt, 0));
      saturating_add (&at_stake, sqlite3_column_int64 (stmt, 2));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Half up, on the total: Σ price × rate. */
  card->expected_value_minor = scale_bp (at_stake, rate);
  json_object_set_int_member (card->why, "appointments", card->count);
  json_object_set_int_member (card->why, "no_show_rate_bp", rate);
  json_object_set_int_member (card->why, "value_at_stake_minor", at_stake);
  g_ptr_array_add (card->button_events, g_strdup ("reminder.created"));
  return TRUE;
}

static gboolean
plan_no_shows (Context    *ctx,
               GPtrArray  *events,
               GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *channel = rule_channel (ctx, "appointment_confirmation");
  gint64 from, to;
  sqlite3_stmt *stmt;

  tomorrow (ctx, &from, &to);
  stmt = ahi_db_prepare (ctx->db, UNCONFIRMED_TOMORROW_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      /* A confirmation is a service message about a booking the customer
       * made: no marketing consent needed (docs/retention.md). */
      AhiEvent *event = new_reminder (ctx, (const char *) sqlite3_column_text (stmt, 1), channel,
                                      "appointment_confirmation", "appointment_confirmation");
      json_object_set_string_member (event->payload, "appointment_id", (const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (events, event);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ----------------------------------------------------------- win back */

static GPtrArray *
win_back_candidates (Context  *ctx,
                     GError  **error)
{
  g_autoptr(GPtrArray) all = ahi_retention_reactivation_candidates (ctx->db, ctx->now, NULL, NULL, error);
  GPtrArray *at_risk;

  if (all == NULL)
    return NULL;
  /* The card targets the at-risk tier: past their usual cycle by half
   * again, still likely to come back (docs/retention.md). */
  at_risk = g_ptr_array_new ();
  g_ptr_array_set_free_func (at_risk, (GDestroyNotify) ahi_retention_customer_free);
  for (guint i = 0; i < all->len; i++)
    {
      AhiRetentionCustomer *customer = g_ptr_array_index (all, i);

      if (customer->tier == AHI_RISK_TIER_AT_RISK)
        g_ptr_array_add (at_risk, g_ptr_array_steal_index (all, i--));
    }
  return at_risk;
}

static gboolean
collect_win_back (Context        *ctx,
                  AhiActionCard  *card,
                  GError        **error)
{
  g_autoptr(GPtrArray) candidates = win_back_candidates (ctx, error);
  gint64 cycle_sum = 0;
  guint p_bp;

  if (candidates == NULL)
    return FALSE;
  p_bp = ahi_retention_return_probability_bp (ctx->db, ctx->now, NULL, NULL, error);
  if (p_bp == G_MAXUINT)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      AhiRetentionCustomer *customer = g_ptr_array_index (candidates, i);

      card_add_subject (card, customer->customer_id);
      saturating_add (&card->expected_value_minor, customer->expected_value_minor);
      cycle_sum += customer->cycle_days;
    }
  json_object_set_int_member (card->why, "customers", card->count);
  /* A tap queues the best-scored ones, at most a campaign's size. */
  json_object_set_int_member (card->why, "per_tap", MIN (card->count, AHI_RETENTION_MAX_CAMPAIGN));
  json_object_set_int_member (card->why, "typical_cycle_days", card->count > 0 ? cycle_sum / card->count : 0);
  json_object_set_int_member (card->why, "return_probability_bp", p_bp);
  g_ptr_array_add (card->button_events, g_strdup ("reminder.created"));
  g_ptr_array_add (card->button_events, g_strdup ("automation.reactivation.queued"));
  return TRUE;
}

static gboolean
plan_win_back (Context    *ctx,
               GPtrArray  *events,
               GError    **error)
{
  AhiReactivationRequest request = {
    .tier = AHI_RISK_TIER_AT_RISK,
    .actor_user_id = ctx->actor,
    .actor_role = ctx->role,
  };
  g_autoptr(GPtrArray) campaign = NULL;

  campaign = ahi_retention_build_campaign (ctx->store, &request, ctx->now, error);
  if (campaign == NULL)
    return FALSE;
  g_ptr_array_set_free_func (campaign, NULL);
  g_ptr_array_extend_and_steal (events, g_steal_pointer (&campaign));
  return TRUE;
}

/* ---------------------------------------------------------- fill slot */

/* Cancelled bookings of the coming week whose time has not come, that no
 * one was offered yet. */
#define FREED_SLOTS_SQL \
  "SELECT a.appointment_id, a.total_minor FROM appointments a" \
  " WHERE a.status = 'cancelled' AND a.starts_at > ?1 AND a.starts_at < ?2" \
  " AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.appointment_id = a.appointment_id" \
  "                 AND r.purpose = 'slot_offer' AND NOT " AHI_REMINDER_WITHDRAWN_SQL ("r") ")" \
  " ORDER BY a.starts_at, a.appointment_id"

typedef gboolean (*FreedSlotFunc) (Context *ctx, const char *appointment_id, AhiSlotFillCandidate *best,
                                   gpointer data, GError **error);

static gboolean
foreach_freed_slot (Context        *ctx,
                    FreedSlotFunc   func,
                    gpointer        data,
                    GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db, FREED_SLOTS_SQL, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->now);
  sqlite3_bind_int64 (stmt, 2, ctx->now + 7 * 86400);
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) candidates = ahi_retention_slot_fill_candidates (ctx->db, g_ptr_array_index (ids, i),
                                                                          ctx->now, 1, error);
      if (candidates == NULL)
        return FALSE;
      if (candidates->len > 0 &&
          !func (ctx, g_ptr_array_index (ids, i), g_ptr_array_index (candidates, 0), data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
count_freed_slot (Context               *ctx,
                  const char            *appointment_id,
                  AhiSlotFillCandidate  *best,
                  gpointer               data,
                  GError               **error)
{
  AhiActionCard *card = data;

  card_add_subject (card, appointment_id);
  saturating_add (&card->expected_value_minor, best->expected_value_minor);
  if (best->source == AHI_SLOT_FILL_WAITLIST)
    json_object_set_int_member (card->why, "from_waitlist",
                                json_object_get_int_member (card->why, "from_waitlist") + 1);
  return TRUE;
}

static gboolean
collect_fill_slot (Context        *ctx,
                   AhiActionCard  *card,
                   GError        **error)
{
  json_object_set_int_member (card->why, "from_waitlist", 0);
  if (!foreach_freed_slot (ctx, count_freed_slot, card, error))
    return FALSE;
  json_object_set_int_member (card->why, "slots", card->count);
  g_ptr_array_add (card->button_events, g_strdup ("reminder.created"));
  return TRUE;
}

static gboolean
offer_freed_slot (Context               *ctx,
                  const char            *appointment_id,
                  AhiSlotFillCandidate  *best,
                  gpointer               data,
                  GError               **error)
{
  GPtrArray *events = data;
  AhiEvent *event = new_reminder (ctx, best->customer_id, rule_channel (ctx, "slot_fill"), "slot_offer", "slot_offer");

  json_object_set_string_member (event->payload, "appointment_id", appointment_id);
  g_ptr_array_add (events, event);
  return TRUE;
}

static gboolean
plan_fill_slot (Context    *ctx,
                GPtrArray  *events,
                GError    **error)
{
  return foreach_freed_slot (ctx, offer_freed_slot, events, error);
}

/* ------------------------------------- ask reviews, recover low ratings */

/* The reputation engine builds these cards' events itself; the card counts
 * the drafts (by the member naming each row) and the button appends them. */
typedef GPtrArray *(*DraftsFunc) (Context *ctx, GError **error);

#define LOW_RATING_LOOKBACK_DAYS 30

static GPtrArray *
review_request_drafts (Context  *ctx,
                       GError  **error)
{
  return ahi_reputation_build_review_requests (ctx->store, ctx->now, ctx->actor, ctx->role, error);
}

static GPtrArray *
recovery_drafts (Context  *ctx,
                 GError  **error)
{
  return ahi_reputation_build_recovery_alerts (ctx->store, ctx->now - LOW_RATING_LOOKBACK_DAYS * 86400,
                                               ctx->now, ctx->actor, ctx->role, error);
}

static gboolean
collect_drafts (Context        *ctx,
                AhiActionCard  *card,
                DraftsFunc      drafts_func,
                const char     *row_member,
                const char     *why_member,
                GError        **error)
{
  g_autoptr(GPtrArray) drafts = drafts_func (ctx, error);

  if (drafts == NULL)
    return FALSE;
  for (guint i = 0; i < drafts->len; i++)
    {
      AhiEvent *event = g_ptr_array_index (drafts, i);

      card_add_subject (card, json_object_get_string_member (event->payload, row_member));
      if (i == 0)
        g_ptr_array_add (card->button_events, g_strdup (event->type));
    }
  /* Neither brings money the day it is done: the cards rank among those
   * worth nothing yet. */
  json_object_set_int_member (card->why, why_member, card->count);
  return TRUE;
}

static gboolean
plan_drafts (Context     *ctx,
             GPtrArray   *events,
             DraftsFunc   drafts_func,
             GError     **error)
{
  g_autoptr(GPtrArray) drafts = drafts_func (ctx, error);

  if (drafts == NULL)
    return FALSE;
  g_ptr_array_set_free_func (drafts, NULL);
  g_ptr_array_extend_and_steal (events, g_steal_pointer (&drafts));
  return TRUE;
}

static gboolean
collect_ask_reviews (Context *ctx, AhiActionCard *card, GError **error)
{
  return collect_drafts (ctx, card, review_request_drafts, "customer_id", "visits", error);
}

static gboolean
plan_ask_reviews (Context *ctx, GPtrArray *events, GError **error)
{
  return plan_drafts (ctx, events, review_request_drafts, error);
}

static gboolean
collect_low_ratings (Context *ctx, AhiActionCard *card, GError **error)
{
  return collect_drafts (ctx, card, recovery_drafts, "subject_id", "low_ratings", error);
}

static gboolean
plan_low_ratings (Context *ctx, GPtrArray *events, GError **error)
{
  return plan_drafts (ctx, events, recovery_drafts, error);
}

/* ------------------------------------------------ the sector's action */

/* rebook (hair/beauty), treatment_continuity (dental), maintenance_recall
 * (auto): one card, the kind named by the sector's automation rule. */
static const char *
critical_kind (const AhiCriticalAction *action)
{
  if (g_str_equal (action->reason, "rebook_window"))
    return "rebook";
  if (g_str_equal (action->reason, "plan_open"))
    return "treatment_continuity";
  return "maintenance_recall";
}

/* The sector's list, without customers who got the same reminder lately. */
static GPtrArray *
critical_actions (Context     *ctx,
                  const char  *kind,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fresh;
  sqlite3_stmt *stmt;

  /* One list serves the three card kinds. */
  if (ctx->critical == NULL)
    {
      ctx->critical = ahi_retention_critical_actions (ctx->db, ctx->now, error);
      if (ctx->critical == NULL)
        return NULL;
    }
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  fresh = g_ptr_array_new ();
  for (guint i = 0; i < ctx->critical->len; i++)
    {
      AhiCriticalAction *action = g_ptr_array_index (ctx->critical, i);
      gboolean recent = FALSE;

      /* One message a customer, even with two vehicles due. */
      if (!g_str_equal (critical_kind (action), kind) || !g_hash_table_add (seen, action->customer_id))
        continue;
      stmt = ahi_db_prepare (ctx->db,
        "SELECT 1 FROM reminders r WHERE r.customer_id = ?1 AND r.purpose = ?2 AND r.created_at >= ?3"
        " AND NOT " AHI_REMINDER_WITHDRAWN_SQL ("r"), error);
      if (stmt == NULL)
        {
          g_ptr_array_unref (fresh);
          return NULL;
        }
      ahi_db_bind_text (stmt, 1, action->customer_id);
      ahi_db_bind_text (stmt, 2, kind);
      sqlite3_bind_int64 (stmt, 3, ctx->now - RECENT_REMINDER_DAYS * 86400);
      recent = ahi_db_step_row (ctx->db, stmt, &local_error);
      sqlite3_reset (stmt);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_ptr_array_unref (fresh);
          return NULL;
        }
      if (!recent)
        g_ptr_array_add (fresh, action);
    }
  return fresh;
}

/* What one returning customer is worth: the tenant's average sale of the
 * last 90 days × the measured chance of return. */
static gint64
expected_per_customer (Context  *ctx,
                       GError  **error)
{
  if (ctx->value_each >= 0)
    return ctx->value_each;

  /* Sales lines of the last 90 days: the covering index on
   * (booked_at, kind, amount_minor) answers it without touching a row. */
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db,
    "SELECT coalesce (sum (amount_minor), 0), count(*) FROM revenue_events"
    " WHERE booked_at >= ?1 AND booked_at < ?2 AND kind = 'sale'", error);
  g_autoptr(GError) local_error = NULL;
  gint64 ticket = 0;
  guint p_bp;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, ctx->now - 90 * 86400);
  sqlite3_bind_int64 (stmt, 2, ctx->now);
  if (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      if (!ahi_kpi_div_round (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), &ticket))
        ticket = 0;
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  p_bp = ahi_retention_return_probability_bp (ctx->db, ctx->now, NULL, NULL, error);
  if (p_bp == G_MAXUINT)
    return -1;
  ctx->value_each = scale_bp (ticket, p_bp);
  return ctx->value_each;
}

static gboolean
collect_critical (Context        *ctx,
                  AhiActionCard  *card,
                  GError        **error)
{
  g_autoptr(GPtrArray) actions = critical_actions (ctx, card->kind, error);
  gint64 each;

  if (actions == NULL)
    return FALSE;
  if (actions->len == 0)
    return TRUE;
  each = expected_per_customer (ctx, error);
  if (each < 0)
    return FALSE;
  for (guint i = 0; i < actions->len; i++)
    card_add_subject (card, ((AhiCriticalAction *) g_ptr_array_index (actions, i))->customer_id);
  card->expected_value_minor = saturating_mul (each, card->count);
  json_object_set_int_member (card->why, "customers", card->count);
  json_object_set_int_member (card->why, "value_each_minor", each);
  g_ptr_array_add (card->button_events, g_strdup ("reminder.created"));
  return TRUE;
}

static gboolean
plan_critical (Context     *ctx,
               const char  *kind,
               GPtrArray   *events,
               GError     **error)
{
  g_autoptr(GPtrArray) actions = critical_actions (ctx, kind, error);

  if (actions == NULL)
    return FALSE;
  for (guint i = 0; i < actions->len; i++)
    {
      AhiCriticalAction *action = g_ptr_array_index (actions, i);
      g_ptr_array_add (events, new_reminder (ctx, action->customer_id, rule_channel (ctx, kind), kind, kind));
    }
  return TRUE;
}

static gboolean
plan_rebook (Context *ctx, GPtrArray *events, GError **error)
{
  return plan_critical (ctx, "rebook", events, error);
}

static gboolean
plan_treatment (Context *ctx, GPtrArray *events, GError **error)
{
  return plan_critical (ctx, "treatment_continuity", events, error);
}

static gboolean
plan_maintenance (Context *ctx, GPtrArray *events, GError **error)
{
  return plan_critical (ctx, "maintenance_recall", events, error);
}

/* --------------------------------------------------------- ops alerts */

static gboolean
collect_ops_alerts (Context        *ctx,
                    AhiActionCard  *card,
                    GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db,
    "SELECT alert_id, severity FROM ops_alerts WHERE resolved_at IS NULL ORDER BY raised_at, alert_id", error);
  gint64 critical = 0;

  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      card_add_subject (card, (const char *) sqlite3_column_text (stmt, 0));
      critical += g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "critical");
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  json_object_set_int_member (card->why, "open_alerts", card->count);
  json_object_set_int_member (card->why, "critical", critical);
  return TRUE;
}

/* ------------------------------------------------------------ providers */

static const Provider providers[] = {
  { "win_back", collect_win_back, plan_win_back, TRUE },
  { "fill_slot", collect_fill_slot, plan_fill_slot, TRUE },
  { "reduce_no_shows", collect_no_shows, plan_no_shows, TRUE },
  { "ask_reviews", collect_ask_reviews, plan_ask_reviews, TRUE },
  { "recover_low_rating", collect_low_ratings, plan_low_ratings, FALSE },
  { "resolve_ops_alert", collect_ops_alerts, NULL, FALSE },
  { "rebook", collect_critical, plan_rebook, TRUE },
  { "treatment_continuity", collect_critical, plan_treatment, TRUE },
  { "maintenance_recall", collect_critical, plan_maintenance, TRUE },
};

static const Provider *
find_provider (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_str_equal (providers[i].kind, kind))
      return &providers[i];
  return NULL;
}

static gboolean
context_init (Context     *ctx,
              AhiStore    *store,
              gint64       now,
              const char  *actor,
              const char  *role,
              GError     **error)
{
  ctx->store = store;
  ctx->value_each = -1;
  ctx->db = ahi_store_get_db (store);
  ctx->now = now;
  ctx->actor = actor;
  ctx->role = role;
  ctx->blueprint = ahi_tenant_load_blueprint (ctx->db, error);
  if (ctx->blueprint == NULL)
    return FALSE;
  ctx->zone = ahi_tenant_timezone (ctx->db);
  return TRUE;
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->critical, g_ptr_array_unref);
  g_clear_object (&ctx->blueprint);
  g_clear_pointer (&ctx->zone, g_time_zone_unref);
}

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  const AhiActionCard *x = *(AhiActionCard * const *) a;
  const AhiActionCard *y = *(AhiActionCard * const *) b;

  if (x->expected_value_minor != y->expected_value_minor)
    return x->expected_value_minor > y->expected_value_minor ? -1 : 1;
  return strcmp (x->kind, y->kind);
}

/* ---------------------------------------------------------- public API */

AhiCommandCenter *
ahi_command_center_build (AhiStore  *store,
                          gint64     now,
                          GError   **error)
{
  g_autoptr(AhiCommandCenter) center = g_new0 (AhiCommandCenter, 1);
  g_autofree char *owner = NULL;
  AhiDb *db;
  Context ctx = { 0 };
  gboolean ok = TRUE;
  gboolean own_snapshot = FALSE;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);

  if (ahi_store_get_tenant_id (store) == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "The business does not exist yet");
      return NULL;
    }
  db = ahi_store_get_db (store);
  owner = ahi_tenant_owner_id (ahi_store_get_tenant_id (store));

  /* One snapshot of the database for the whole answer (the caller's
   * transaction, when there is one). */
  if (!ahi_db_snapshot_begin (db, &own_snapshot, error))
    return NULL;
  if (!context_init (&ctx, store, now, owner, "owner", error))
    {
      ahi_db_snapshot_end (db, own_snapshot);
      return NULL;
    }

  center->now = now;
  center->tenant_id = g_strdup (ahi_store_get_tenant_id (store));
  center->sector = g_strdup (ahi_blueprint_get_id (ctx.blueprint));
  center->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_action_card_free);
  center->kpis = ahi_kpi_compute_set (db, ctx.blueprint, now, error);
  ok = center->kpis != NULL;

  for (guint i = 0; ok && i < G_N_ELEMENTS (providers); i++)
    {
      g_autoptr(AhiActionCard) card = card_new (providers[i].kind);
      gint64 started = g_get_monotonic_time ();

      ok = providers[i].collect (&ctx, card, error);
      g_debug ("command center: %s card in %.2f ms", providers[i].kind,
               (g_get_monotonic_time () - started) / 1000.0);
      if (ok && card->count > 0)
        g_ptr_array_add (center->cards, g_steal_pointer (&card));
    }

  ahi_db_snapshot_end (db, own_snapshot);
  context_clear (&ctx);
  if (!ok)
    return NULL;

  g_ptr_array_sort (center->cards, compare_cards);
  return g_steal_pointer (&center);
}

static JsonNode *
card_to_node (AhiActionCard *card)
{
  JsonObject *object = json_object_new ();
  JsonArray *rows = json_array_new ();
  JsonArray *events = json_array_new ();
  JsonObject *button = json_object_new ();
  g_autoptr(JsonNode) why = json_node_init_object (json_node_alloc (), card->why);

  for (guint i = 0; i < card->subject_ids->len; i++)
    json_array_add_string_element (rows, g_ptr_array_index (card->subject_ids, i));
  for (guint i = 0; i < card->button_events->len; i++)
    json_array_add_string_element (events, g_ptr_array_index (card->button_events, i));
  json_object_set_array_member (button, "events", events);

  json_object_set_string_member (object, "kind", card->kind);
  json_object_set_int_member (object, "count", card->count);
  json_object_set_int_member (object, "expected_value_minor", card->expected_value_minor);
  json_object_set_member (object, "why", ahi_json_strict_copy (why, TRUE));
  json_object_set_array_member (object, "rows", rows);
  json_object_set_object_member (object, "button", button);
  return json_node_init_object (json_node_alloc (), object);
}

char *
ahi_command_center_to_json (AhiCommandCenter *center)
{
  g_autoptr(JsonNode) root = json_node_alloc ();
  JsonObject *object = json_object_new ();
  JsonArray *kpis = json_array_new ();
  JsonArray *cards = json_array_new ();
  g_autofree char *now = ahi_time_format_utc (center->now);

  for (guint i = 0; i < center->kpis->len; i++)
    json_array_add_object_element (kpis, ahi_kpi_value_to_json (&g_array_index (center->kpis, AhiKpiValue, i)));
  for (guint i = 0; i < center->cards->len; i++)
    json_array_add_element (cards, card_to_node (g_ptr_array_index (center->cards, i)));

  json_object_set_int_member (object, "v", AHI_COMMAND_CENTER_VERSION);
  json_object_set_string_member (object, "tenant_id", center->tenant_id);
  json_object_set_string_member (object, "sector", center->sector);
  json_object_set_string_member (object, "now", now);
  json_object_set_array_member (object, "kpis", kpis);
  json_object_set_array_member (object, "cards", cards);
  json_node_init_object (root, object);
  json_object_unref (object);
  return ahi_json_strict_to_string (root);
}

gboolean
ahi_command_center_act_full (AhiStore    *store,
                             const char  *kind,
                             const char  *actor_user_id,
                             const char  *actor_role,
                             gint64       now,
                             GPtrArray  **out_event_ids,
                             GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GPtrArray) ids = NULL;
  const Provider *provider;
  Context ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  provider = find_provider (kind);
  if (provider == NULL || provider->plan == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "No action card of kind %s can act", kind);
      return FALSE;
    }
  if (!context_init (&ctx, store, now, actor_user_id, actor_role, error))
    return FALSE;
  ok = provider->plan (&ctx, events, error);
  context_clear (&ctx);
  if (!ok)
    return FALSE;

  if (events->len > 0 && !ahi_store_append_all (store, events, NULL, error))
    return FALSE;

  /* The batch is new events only (fresh ids), so every one was logged:
   * these ids are what an undo takes back. */
  ids = g_ptr_array_new_full (events->len, g_free);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (ids, g_strdup (((AhiEvent *) g_ptr_array_index (events, i))->event_id));
  if (out_event_ids != NULL)
    *out_event_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
ahi_command_center_act (AhiStore    *store,
                        const char  *kind,
                        const char  *actor_user_id,
                        const char  *actor_role,
                        gint64       now,
                        guint       *n_events,
                        GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (!ahi_command_center_act_full (store, kind, actor_user_id, actor_role, now, &ids, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = ids->len;
  return TRUE;
}

gboolean
ahi_command_center_kind_can_undo (const char *kind)
{
  const Provider *provider;

  g_return_val_if_fail (kind != NULL, FALSE);

  provider = find_provider (kind);
  return provider != NULL && provider->plan != NULL && provider->undoable;
}
