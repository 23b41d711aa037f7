/* ahi-retention.c — reactivation, sector critical lists and slot fill
 *
 * Integer maths throughout: days are whole days of 86 400 s, ratios are
 * percent rounded down, probabilities basis points, money kuruş.
 * docs/retention.md is the contract for every rule here.
 */
#include "store/engine/ahi-retention.h"

#include "core/ahi-kpi.h"

#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"

#define DAY G_GINT64_CONSTANT (86400)

/* Used when the tenant's blueprint has no rule of a kind. */
#define DEFAULT_CHANNEL          "whatsapp"
#define DEFAULT_INTERVAL_DAYS    30
#define DEFAULT_MAX_ATTEMPTS     3
#define DEFAULT_MAX_CANDIDATES   5

#define OPEN_STATUSES_SQL "('booked', 'confirmed', 'arrived')"

/* ------------------------------------------------------------ helpers */

static const char * const tier_names[] = { "none", "due", "at_risk", "lost" };

static const char * const skip_names[] = {
  "none", "erased", "open_booking", "last_no_show", "not_due", "no_consent", "contact_cap", "max_attempts",
};

static gint64
rule_int (AhiBlueprint *blueprint,
          const char   *kind,
          const char   *param,
          gint64        fallback)
{
  const AhiAutomationRule *rule = ahi_blueprint_lookup_automation (blueprint, kind);

  return rule != NULL ? ahi_automation_rule_get_int (rule, param) : fallback;
}

static const char *
rule_channel (AhiBlueprint *blueprint,
              const char   *kind)
{
  const AhiAutomationRule *rule = ahi_blueprint_lookup_automation (blueprint, kind);

  return rule != NULL ? ahi_automation_rule_get_string (rule, "channel") : DEFAULT_CHANNEL;
}

/* a × b ÷ c without overflow for the sizes here (money up to 10^14). */
static gint64
mul_div (gint64 a,
         gint64 b,
         gint64 c)
{
  g_assert (c > 0);
  if (a <= 0 || b <= 0)
    return 0;
  if (a > G_MAXINT64 / b)
    return G_MAXINT64 / c;
  return a * b / c;
}

static gint64
cap_seconds (AhiDb *db)
{
  return ahi_tenant_setting_int (db, "contact_cap_days", 30) * DAY;
}

/* Months of a rule as days, the way docs/blueprints.md converts them:
 * months × 365.25 ÷ 12, rounded. */
static gint64
months_to_days (gint64 months)
{
  return (months * 36525 + 600) / 1200;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}


/* ------------------------------------------------------------- public */

const char *
ahi_risk_tier_to_string (AhiRiskTier tier)
{
  g_return_val_if_fail (tier <= AHI_RISK_TIER_LOST, NULL);
  return tier_names[tier];
}

gboolean
ahi_risk_tier_from_string (const char  *text,
                           AhiRiskTier *out_tier)
{
  g_return_val_if_fail (out_tier != NULL, FALSE);

  for (guint i = AHI_RISK_TIER_DUE; i <= AHI_RISK_TIER_LOST; i++)
    if (g_strcmp0 (text, tier_names[i]) == 0)
      {
        *out_tier = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ahi_retention_skip_to_string (AhiRetentionSkip skip)
{
  g_return_val_if_fail (skip <= AHI_RETENTION_SKIP_MAX_ATTEMPTS, NULL);
  return skip_names[skip];
}

void
ahi_retention_customer_free (AhiRetentionCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->customer_id);
  g_free (customer);
}

void
ahi_critical_action_free (AhiCriticalAction *action)
{
  if (action == NULL)
    return;
  g_free (action->customer_id);
  g_free (action->subject_id);
  g_free (action);
}

void
ahi_slot_fill_candidate_free (AhiSlotFillCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->customer_id);
  g_free (candidate->entry_id);
  g_free (candidate->service_id);
  g_free (candidate);
}

/* ------------------------------------------------------- p(return) */

gint64
ahi_retention_attribution_days (AhiDb   *db,
                                GError **error)
{
  g_autoptr(AhiBlueprint) blueprint = ahi_tenant_load_blueprint (db, error);

  if (blueprint == NULL)
    return -1;
  return rule_int (blueprint, "reactivation", "interval_days", DEFAULT_INTERVAL_DAYS);
}

static guint
return_probability_bp (AhiDb   *db,
                       gint64   now,
                       gint64   window_days,
                       guint   *out_contacts,
                       guint   *out_converted,
                       GError **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 contacts = 0;
  gint64 converted = 0;

  /* One contact = one reactivation message that went out and whose
   * window has closed, so its outcome is known. */
  stmt = ahi_db_prepare (db,
    "SELECT count(*), coalesce (sum (EXISTS (SELECT 1 FROM appointments a WHERE a.customer_id = m.customer_id"
    "   AND a.created_at >= m.sent_at AND a.created_at < m.sent_at + ?2)), 0)"
    " FROM reminders m WHERE m.purpose = 'reactivation' AND m.sent_at IS NOT NULL AND m.status <> 'failed'"
    " AND m.sent_at + ?2 <= ?1", error);
  if (stmt == NULL)
    return G_MAXUINT;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, window_days * DAY);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      contacts = sqlite3_column_int64 (stmt, 0);
      converted = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return G_MAXUINT;

  if (out_contacts != NULL)
    *out_contacts = contacts;
  if (out_converted != NULL)
    *out_converted = converted;
  return (converted * 10000 + AHI_RETENTION_PRIOR_RETURN_BP * AHI_RETENTION_PRIOR_WEIGHT) /
         (contacts + AHI_RETENTION_PRIOR_WEIGHT);
}

guint
ahi_retention_return_probability_bp (AhiDb   *db,
                                     gint64   now,
                                     guint   *out_contacts,
                                     guint   *out_converted,
                                     GError **error)
{
  gint64 window;

  g_return_val_if_fail (db != NULL, G_MAXUINT);

  window = ahi_retention_attribution_days (db, error);
  if (window < 0)
    return G_MAXUINT;
  return return_probability_bp (db, now, window, out_contacts, out_converted, error);
}

/* ------------------------------------------------------ reactivation */

/* One row per customer with a completed visit, from the projection's
 * visit and sales columns; the consent and cap checks are per-customer
 * lookups on indexes, so they cost only for the rows the WHERE lets
 * through. */
#define CANDIDATES_SELECT \
  "SELECT c.customer_id, c.erased_at IS NOT NULL, c.completed_visits, c.first_completed_at," \
  " c.last_completed_at, coalesce (c.last_status, ''), c.next_start_at IS NOT NULL," \
  " c.sales_minor, c.sales_tickets, c.completed_minor," \
  " EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.customer_id AND k.purpose = 'marketing'" \
  "   AND k.channel = ?2 AND k.withdrawn_at IS NULL AND k.iys_state IN ('registered', 'not_required'))," \
  " EXISTS (SELECT 1 FROM reminders m WHERE m.customer_id = c.customer_id" \
  "   AND m.purpose IN " AHI_COMMERCIAL_PURPOSES_SQL " AND " AHI_REMINDER_CONTACTED_SQL ("m") \
  "   AND coalesce (m.sent_at, m.due_at) > ?1 - ?3)," \
  " (SELECT count(*) FROM reminders m WHERE m.customer_id = c.customer_id AND m.purpose = 'reactivation'" \
  "   AND " AHI_REMINDER_CONTACTED_SQL ("m") " AND m.created_at > c.last_completed_at)" \
  " FROM customers c WHERE c.completed_visits > 0"

/* Every customer, for callers that want the skipped ones and why. */
static const char candidates_sql[] =
  CANDIDATES_SELECT " ORDER BY c.customer_id";

/* Only those who can be candidates: the cheap skip rules and the due
 * tier (the same integer maths as below: whole days since the last visit
 * × 100 against due_pct × the cycle in whole days) are checked before the
 * per-customer lookups run. */
static const char eligible_sql[] =
  CANDIDATES_SELECT
  " AND c.erased_at IS NULL AND c.next_start_at IS NULL AND coalesce (c.last_status, '') <> 'no_show'"
  " AND (?1 - c.last_completed_at) / 86400 * 100 >= ?4 *"
  "   (CASE WHEN c.completed_visits >= 2"
  "              AND (c.last_completed_at - c.first_completed_at) / (86400 * (c.completed_visits - 1)) >= 1"
  "         THEN (c.last_completed_at - c.first_completed_at) / (86400 * (c.completed_visits - 1))"
  "         ELSE ?5 END)"
  " ORDER BY c.customer_id";

static int
compare_by_score (gconstpointer a,
                  gconstpointer b)
{
  const AhiRetentionCustomer *x = *(AhiRetentionCustomer * const *) a;
  const AhiRetentionCustomer *y = *(AhiRetentionCustomer * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp (x->customer_id, y->customer_id);
}

GPtrArray *
ahi_retention_reactivation_candidates (AhiDb       *db,
                                       gint64       now,
                                       const char  *channel,
                                       GPtrArray  **out_skipped,
                                       GError     **error)
{
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GPtrArray) eligible = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) local_error = NULL;
  const AhiRiskTiers *tiers;
  sqlite3_stmt *stmt;
  gint64 max_attempts;
  gint64 window;
  guint p_bp;

  g_return_val_if_fail (db != NULL, NULL);

  blueprint = ahi_tenant_load_blueprint (db, error);
  if (blueprint == NULL)
    return NULL;
  tiers = ahi_blueprint_get_risk_tiers (blueprint);
  if (channel == NULL)
    channel = rule_channel (blueprint, "reactivation");
  max_attempts = rule_int (blueprint, "reactivation", "max_attempts", DEFAULT_MAX_ATTEMPTS);
  window = rule_int (blueprint, "reactivation", "interval_days", DEFAULT_INTERVAL_DAYS);
  p_bp = return_probability_bp (db, now, window, NULL, NULL, error);
  if (p_bp == G_MAXUINT)
    return NULL;

  stmt = ahi_db_prepare (db, out_skipped != NULL ? candidates_sql : eligible_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  ahi_db_bind_text (stmt, 2, channel);
  sqlite3_bind_int64 (stmt, 3, cap_seconds (db));
  if (out_skipped == NULL)
    {
      sqlite3_bind_int64 (stmt, 4, tiers->due_pct);
      sqlite3_bind_int64 (stmt, 5, tiers->fallback_cycle_days);
    }

  eligible = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_retention_customer_free);
  skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_retention_customer_free);

  while (ahi_db_step_row (db, stmt, &local_error))
    {
      g_autoptr(AhiRetentionCustomer) c = g_new0 (AhiRetentionCustomer, 1);
      gboolean erased = sqlite3_column_int (stmt, 1);
      gint64 visits = sqlite3_column_int64 (stmt, 2);
      gint64 first = sqlite3_column_int64 (stmt, 3);
      const char *last_status = column_text (stmt, 5);
      gboolean open_booking = sqlite3_column_int (stmt, 6);
      gint64 sales_total = sqlite3_column_int64 (stmt, 7);
      gint64 sales_tickets = sqlite3_column_int64 (stmt, 8);
      gint64 visits_total = sqlite3_column_int64 (stmt, 9);
      gboolean consent = sqlite3_column_int (stmt, 10);
      gboolean capped = sqlite3_column_int (stmt, 11);
      gint64 attempts = sqlite3_column_int64 (stmt, 12);
      GPtrArray *target;
      gint64 elapsed;

      c->customer_id = g_strdup (column_text (stmt, 0));
      c->last_completed_at = sqlite3_column_int64 (stmt, 4);

      /* The usual cycle: the average gap between the first and the last
       * completed visit, whole days; the blueprint's when unknown. */
      c->cycle_days = visits >= 2 ? (c->last_completed_at - first) / (DAY * (visits - 1)) : 0;
      c->cycle_from_history = c->cycle_days >= 1;
      if (!c->cycle_from_history)
        c->cycle_days = tiers->fallback_cycle_days;

      elapsed = now - c->last_completed_at;
      c->days_since = elapsed > 0 ? elapsed / DAY : 0;
      c->ratio_pct = c->days_since * 100 / c->cycle_days;
      if (c->ratio_pct >= tiers->lost_pct)
        c->tier = AHI_RISK_TIER_LOST;
      else if (c->ratio_pct >= tiers->at_risk_pct)
        c->tier = AHI_RISK_TIER_AT_RISK;
      else if (c->ratio_pct >= tiers->due_pct)
        c->tier = AHI_RISK_TIER_DUE;
      else
        c->tier = AHI_RISK_TIER_NONE;

      /* Value: the average sale ticket, else the average booked total of
       * the completed visits. */
      if (sales_tickets > 0)
        c->avg_ticket_minor = MAX (sales_total, 0) / sales_tickets;
      else
        c->avg_ticket_minor = visits_total / visits;
      c->score = mul_div (c->ratio_pct, c->avg_ticket_minor, 100);
      c->expected_value_minor = mul_div (p_bp, c->avg_ticket_minor, 10000);

      if (erased)
        c->skip = AHI_RETENTION_SKIP_ERASED;
      else if (open_booking)
        c->skip = AHI_RETENTION_SKIP_OPEN_BOOKING;
      else if (g_strcmp0 (last_status, "no_show") == 0)
        c->skip = AHI_RETENTION_SKIP_LAST_NO_SHOW;
      else if (c->tier == AHI_RISK_TIER_NONE)
        c->skip = AHI_RETENTION_SKIP_NOT_DUE;
      else if (!consent)
        c->skip = AHI_RETENTION_SKIP_NO_CONSENT;
      else if (capped)
        c->skip = AHI_RETENTION_SKIP_CONTACT_CAP;
      else if (attempts >= max_attempts)
        c->skip = AHI_RETENTION_SKIP_MAX_ATTEMPTS;

      target = c->skip == AHI_RETENTION_SKIP_NONE ? eligible : skipped;
      g_ptr_array_add (target, g_steal_pointer (&c));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;

  g_ptr_array_sort (eligible, compare_by_score);
  if (out_skipped != NULL)
    *out_skipped = g_steal_pointer (&skipped);
  return g_steal_pointer (&eligible);
}

/* ---------------------------------------------------------- campaign */

GPtrArray *
ahi_retention_build_campaign (AhiStore                      *store,
                              const AhiReactivationRequest  *request,
                              gint64                         now,
                              GError                       **error)
{
  AhiDb *db;
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonArray) customer_ids = NULL;
  g_autoptr(JsonArray) reminder_ids = NULL;
  g_autofree char *campaign_id = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *default_template = NULL;
  const char *channel;
  const char *template_id;
  gint64 expected = 0;
  guint limit;
  AhiEvent *queued;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->tier >= AHI_RISK_TIER_DUE && request->tier <= AHI_RISK_TIER_LOST, NULL);
  g_return_val_if_fail (request->actor_user_id != NULL && request->actor_role != NULL, NULL);

  db = ahi_store_get_db (store);
  blueprint = ahi_tenant_load_blueprint (db, error);
  if (blueprint == NULL)
    return NULL;
  channel = request->channel != NULL ? request->channel : rule_channel (blueprint, "reactivation");
  candidates = ahi_retention_reactivation_candidates (db, now, channel, NULL, error);
  if (candidates == NULL)
    return NULL;

  default_template = g_strconcat ("reactivation_", ahi_risk_tier_to_string (request->tier), NULL);
  template_id = request->template_id != NULL ? request->template_id : default_template;
  limit = request->limit == 0 || request->limit > AHI_RETENTION_MAX_CAMPAIGN
          ? AHI_RETENTION_MAX_CAMPAIGN : request->limit;
  due_text = ahi_time_format_utc (request->due_at != 0 ? request->due_at : now);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  customer_ids = json_array_new ();
  reminder_ids = json_array_new ();
  campaign_id = ahi_id_new ();

  for (guint i = 0; i < candidates->len && json_array_get_length (customer_ids) < limit; i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (candidates, i);
      g_autofree char *reminder_id = NULL;
      AhiEvent *event;

      if (c->tier != request->tier)
        continue;

      reminder_id = ahi_id_new ();
      event = ahi_store_new_event (store, "reminder.created", reminder_id,
                                   request->actor_user_id, request->actor_role, now);
      json_object_set_string_member (event->payload, "customer_id", c->customer_id);
      json_object_set_string_member (event->payload, "channel", channel);
      json_object_set_string_member (event->payload, "purpose", "reactivation");
      json_object_set_string_member (event->payload, "due_at", due_text);
      json_object_set_string_member (event->payload, "template", template_id);
      json_object_set_string_member (event->payload, "campaign_id", campaign_id);
      g_ptr_array_add (events, event);

      json_array_add_string_element (customer_ids, c->customer_id);
      json_array_add_string_element (reminder_ids, reminder_id);
      expected += c->expected_value_minor;
    }

  if (events->len == 0)
    return g_steal_pointer (&events);

  queued = ahi_store_new_event (store, "automation.reactivation.queued", campaign_id,
                                request->actor_user_id, request->actor_role, now);
  json_object_set_string_member (queued->payload, "tier", ahi_risk_tier_to_string (request->tier));
  json_object_set_string_member (queued->payload, "channel", channel);
  json_object_set_array_member (queued->payload, "customer_ids", g_steal_pointer (&customer_ids));
  json_object_set_array_member (queued->payload, "reminder_ids", g_steal_pointer (&reminder_ids));
  json_object_set_int_member (queued->payload, "expected_value_minor", expected);
  g_ptr_array_add (events, queued);
  return g_steal_pointer (&events);
}

gboolean
ahi_retention_queue_campaign (AhiStore                      *store,
                              const AhiReactivationRequest  *request,
                              gint64                         now,
                              char                         **out_campaign_id,
                              guint                         *out_n_customers,
                              GError                       **error)
{
  g_autoptr(GPtrArray) events = NULL;
  AhiEvent *queued;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);

  if (out_campaign_id != NULL)
    *out_campaign_id = NULL;
  if (out_n_customers != NULL)
    *out_n_customers = 0;

  events = ahi_retention_build_campaign (store, request, now, error);
  if (events == NULL)
    return FALSE;
  if (events->len == 0)
    return TRUE;
  if (!ahi_store_append_all (store, events, NULL, error))
    return FALSE;

  queued = g_ptr_array_index (events, events->len - 1);
  if (out_campaign_id != NULL)
    *out_campaign_id = g_strdup (queued->entity_id);
  if (out_n_customers != NULL)
    *out_n_customers = events->len - 1;
  return TRUE;
}

/* -------------------------------------------------------- conversion */

gboolean
ahi_retention_conversion (AhiDb                      *db,
                          gint64                      from,
                          gint64                      until,
                          AhiReactivationConversion  *out,
                          GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 window;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  window = ahi_retention_attribution_days (db, error);
  if (window < 0)
    return FALSE;

  stmt = ahi_db_prepare (db,
    "WITH contacts AS (SELECT customer_id, sent_at FROM reminders WHERE purpose = 'reactivation'"
    "   AND sent_at IS NOT NULL AND status <> 'failed' AND sent_at >= ?1 AND sent_at < ?2),"
    " booked AS (SELECT DISTINCT a.appointment_id, a.customer_id FROM appointments a JOIN contacts k"
    "   ON k.customer_id = a.customer_id AND a.created_at >= k.sent_at AND a.created_at < k.sent_at + ?3)"
    " SELECT (SELECT count (DISTINCT customer_id) FROM contacts),"
    "  (SELECT count (DISTINCT customer_id) FROM booked),"
    "  (SELECT coalesce (sum (amount_minor), 0) FROM revenue_events WHERE kind = 'sale'"
    "    AND appointment_id IN (SELECT appointment_id FROM booked))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);
  sqlite3_bind_int64 (stmt, 3, window * DAY);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      out->contacted = sqlite3_column_int64 (stmt, 0);
      out->converted = sqlite3_column_int64 (stmt, 1);
      out->revenue_minor = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return FALSE;
  /* Half up, as every rate of the KPI contract (docs/kpi.md). */
  {
    gint64 bp = 0;
    out->conversion_bp = ahi_kpi_ratio_bp (out->converted, out->contacted, &bp) ? bp : 0;
  }
  return TRUE;
}

/* -------------------------------------------------- critical actions */

static AhiCriticalAction *
critical_action_new (const char *customer_id,
                     const char *subject_id,
                     gint64      last_at,
                     gint64      due_at,
                     const char *reason)
{
  AhiCriticalAction *action = g_new0 (AhiCriticalAction, 1);

  action->customer_id = g_strdup (customer_id);
  action->subject_id = g_strdup (subject_id);
  action->last_at = last_at;
  action->due_at = due_at;
  action->reason = reason;
  return action;
}

static GPtrArray *
rebook_candidates (AhiDb         *db,
                   AhiBlueprint  *blueprint,
                   gint64         now,
                   GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_critical_action_free);
  g_autoptr(GError) local_error = NULL;
  gint64 min_days = rule_int (blueprint, "rebook", "min_days", 30);
  gint64 max_days = rule_int (blueprint, "rebook", "max_days", 45);
  sqlite3_stmt *stmt;

  /* A rebook nudge asks for a new purchase: commercial (consent, cap). */
  stmt = ahi_db_prepare (db,
    "SELECT c.customer_id, c.last_completed_at,"
    " (SELECT a.appointment_id FROM appointments a WHERE a.customer_id = c.customer_id AND a.status = 'completed'"
    "   ORDER BY a.starts_at DESC, a.appointment_id DESC LIMIT 1)"
    " FROM customers c"
    " WHERE c.erased_at IS NULL AND c.next_start_at IS NULL AND c.last_status = 'completed'"
    " AND c.last_completed_at BETWEEN ?1 - ?3 AND ?1 - ?2"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.customer_id AND k.purpose = 'marketing'"
    "   AND k.channel = ?4 AND k.withdrawn_at IS NULL AND k.iys_state IN ('registered', 'not_required'))"
    " AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.customer_id = c.customer_id"
    "   AND m.purpose IN " AHI_COMMERCIAL_PURPOSES_SQL " AND " AHI_REMINDER_CONTACTED_SQL ("m")
    "   AND coalesce (m.sent_at, m.due_at) > ?1 - ?5)"
    " ORDER BY c.last_completed_at, c.customer_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, min_days * DAY);
  sqlite3_bind_int64 (stmt, 3, max_days * DAY);
  ahi_db_bind_text (stmt, 4, rule_channel (blueprint, "rebook"));
  sqlite3_bind_int64 (stmt, 5, cap_seconds (db));
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 last = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (list, critical_action_new (column_text (stmt, 0), column_text (stmt, 2),
                                                  last, last + min_days * DAY, "rebook_window"));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

static GPtrArray *
treatment_candidates (AhiDb         *db,
                      AhiBlueprint  *blueprint,
                      gint64         now,
                      GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_critical_action_free);
  g_autoptr(GError) local_error = NULL;
  gint64 gap = rule_int (blueprint, "treatment_continuity", "max_gap_days", 21) * DAY;
  sqlite3_stmt *stmt;

  /* A treatment under way is a service message: no consent, no cap. */
  stmt = ahi_db_prepare (db,
    "SELECT p.customer_id, p.plan_id, p.updated_at FROM treatment_plans p"
    " JOIN customers c ON c.customer_id = p.customer_id"
    " WHERE p.done_steps < p.total_steps AND c.erased_at IS NULL AND c.next_start_at IS NULL"
    " AND p.updated_at <= ?1 - ?2"
    " ORDER BY p.updated_at, p.plan_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, gap);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 last = sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (list, critical_action_new (column_text (stmt, 0), column_text (stmt, 1),
                                                  last, last + gap, "plan_open"));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Days of driving until interval_km is covered: at the vehicle's own
 * pace (odometer ÷ days since 1 January of its model year, read when the
 * odometer was last recorded) when km and year are known, else at the
 * rule's est_km_per_month. */
static gint64
days_to_km (gint64  interval_km,
            gint64  est_km_per_month,
            gint64  km,
            gint64  year,
            gint64  read_at)
{
  if (km > 0 && year >= 1950)
    {
      g_autoptr(GDateTime) jan1 = g_date_time_new_utc (year, 1, 1, 0, 0, 0);
      gint64 age_days = jan1 != NULL ? (read_at - g_date_time_to_unix (jan1)) / DAY : 0;

      if (age_days > 0)
        return mul_div (interval_km, age_days, km);
    }
  return mul_div (interval_km, 36525, est_km_per_month * 1200);
}

static GPtrArray *
maintenance_candidates (AhiDb         *db,
                        AhiBlueprint  *blueprint,
                        gint64         now,
                        GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_critical_action_free);
  g_autoptr(GError) local_error = NULL;
  gint64 months_days = months_to_days (rule_int (blueprint, "maintenance_recall", "interval_months", 12));
  gint64 interval_km = rule_int (blueprint, "maintenance_recall", "interval_km", 15000);
  gint64 est_km = rule_int (blueprint, "maintenance_recall", "est_km_per_month", 1250);
  gint64 before = rule_int (blueprint, "maintenance_recall", "remind_before_days", 14) * DAY;
  sqlite3_stmt *stmt;

  /* Maintenance of a vehicle the shop already serviced is a service
   * message: no consent, no cap. */
  stmt = ahi_db_prepare (db,
    "SELECT v.customer_id, v.vehicle_id, coalesce (v.km, 0), coalesce (v.year, 0), v.updated_at, s.last_at"
    " FROM vehicles v JOIN customers c ON c.customer_id = v.customer_id"
    " JOIN (SELECT vehicle_id, max (starts_at) AS last_at FROM appointments"
    "       WHERE status = 'completed' AND vehicle_id IS NOT NULL GROUP BY vehicle_id) s"
    "   ON s.vehicle_id = v.vehicle_id"
    " WHERE c.erased_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.vehicle_id = v.vehicle_id"
    "   AND a.status IN " OPEN_STATUSES_SQL ")"
    " ORDER BY v.vehicle_id", error);
  if (stmt == NULL)
    return NULL;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 last = sqlite3_column_int64 (stmt, 5);
      gint64 km_days = days_to_km (interval_km, est_km, sqlite3_column_int64 (stmt, 2),
                                   sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4));
      gboolean by_km = km_days < months_days;
      gint64 due = last + (by_km ? km_days : months_days) * DAY;

      if (due - before <= now)
        g_ptr_array_add (list, critical_action_new (column_text (stmt, 0), column_text (stmt, 1),
                                                    last, due, by_km ? "km" : "months"));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

typedef GPtrArray *(*CriticalListFunc) (AhiDb *, AhiBlueprint *, gint64, GError **);

static GPtrArray *
run_critical_list (AhiDb            *db,
                   gint64            now,
                   CriticalListFunc  func,
                   GError          **error)
{
  g_autoptr(AhiBlueprint) blueprint = ahi_tenant_load_blueprint (db, error);

  if (blueprint == NULL)
    return NULL;
  return func (db, blueprint, now, error);
}

GPtrArray *
ahi_retention_rebook_candidates (AhiDb   *db,
                                 gint64   now,
                                 GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  return run_critical_list (db, now, rebook_candidates, error);
}

GPtrArray *
ahi_retention_treatment_candidates (AhiDb   *db,
                                    gint64   now,
                                    GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  return run_critical_list (db, now, treatment_candidates, error);
}

GPtrArray *
ahi_retention_maintenance_candidates (AhiDb   *db,
                                      gint64   now,
                                      GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  return run_critical_list (db, now, maintenance_candidates, error);
}

GPtrArray *
ahi_retention_critical_actions (AhiDb   *db,
                                gint64   now,
                                GError **error)
{
  static const struct {
    const char       *kind;
    CriticalListFunc  func;
  } lists[] = {
    { "rebook", rebook_candidates },
    { "treatment_continuity", treatment_candidates },
    { "maintenance_recall", maintenance_candidates },
  };
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  blueprint = ahi_tenant_load_blueprint (db, error);
  if (blueprint == NULL)
    return NULL;
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_critical_action_free);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GPtrArray) part = NULL;

      if (ahi_blueprint_lookup_automation (blueprint, lists[i].kind) == NULL)
        continue;
      part = lists[i].func (db, blueprint, now, error);
      if (part == NULL)
        return NULL;
      g_ptr_array_set_free_func (part, NULL);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&part));
    }
  return g_steal_pointer (&all);
}

/* ---------------------------------------------------------- slot fill */

typedef struct {
  char   *customer_id;
  gint64  starts_at;
  gint64  ends_at;
} FreedSlot;

static gboolean
load_freed_slot (AhiDb       *db,
                 const char  *appointment_id,
                 FreedSlot   *slot,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db,
    "SELECT status, customer_id, starts_at, ends_at FROM appointments WHERE appointment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, appointment_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      status = g_strdup (column_text (stmt, 0));
      slot->customer_id = g_strdup (column_text (stmt, 1));
      slot->starts_at = sqlite3_column_int64 (stmt, 2);
      slot->ends_at = sqlite3_column_int64 (stmt, 3);
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return FALSE;
  if (status == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                   "No appointment with id %s", appointment_id);
      return FALSE;
    }
  if (!g_str_equal (status, "cancelled"))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Appointment %s is %s, not cancelled: it frees no slot", appointment_id, status);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_waitlist_candidates (AhiDb            *db,
                         const char       *appointment_id,
                         const FreedSlot  *slot,
                         GHashTable       *seen,
                         GPtrArray        *out,
                         guint             limit,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  /* Waitlisters asked to be told of a slot: first come, first served. */
  stmt = ahi_db_prepare (db,
    "SELECT w.entry_id, w.customer_id, w.service_id, s.price_minor FROM waitlist w"
    " JOIN services s ON s.service_id = w.service_id"
    " JOIN customers c ON c.customer_id = w.customer_id"
    " WHERE w.removed_at IS NULL AND c.erased_at IS NULL AND w.customer_id <> ?2"
    " AND (w.earliest_at IS NULL OR w.earliest_at <= ?3) AND (w.latest_at IS NULL OR w.latest_at >= ?4)"
    " AND (w.service_id IN (SELECT service_id FROM appointment_items WHERE appointment_id = ?1)"
    "      OR s.duration_min * 60 <= ?4 - ?3)"
    " AND (w.staff_id IS NULL OR w.staff_id IN (SELECT staff_id FROM appointment_items"
    "      WHERE appointment_id = ?1 AND staff_id IS NOT NULL))"
    " ORDER BY w.added_at, w.entry_id", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, appointment_id);
  ahi_db_bind_text (stmt, 2, slot->customer_id);
  sqlite3_bind_int64 (stmt, 3, slot->starts_at);
  sqlite3_bind_int64 (stmt, 4, slot->ends_at);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiSlotFillCandidate *candidate;
      const char *customer_id = column_text (stmt, 1);

      if (out->len >= limit || g_hash_table_contains (seen, customer_id))
        continue;
      candidate = g_new0 (AhiSlotFillCandidate, 1);
      candidate->customer_id = g_strdup (customer_id);
      candidate->source = AHI_SLOT_FILL_WAITLIST;
      candidate->entry_id = g_strdup (column_text (stmt, 0));
      candidate->service_id = g_strdup (column_text (stmt, 2));
      candidate->expected_value_minor = sqlite3_column_int64 (stmt, 3);
      g_hash_table_add (seen, g_strdup (customer_id));
      g_ptr_array_add (out, candidate);
    }
  return ahi_db_finish_rows (g_steal_pointer (&local_error), error);
}

/* The customer's usual service: the most frequent one of their completed
 * visits, the most recently used on a tie. FALSE with no error when none. */
static gboolean
usual_service (AhiDb       *db,
               const char  *customer_id,
               char       **out_service_id,
               gint64      *out_duration_s,
               gint64      *out_price_minor,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = ahi_db_prepare (db,
    "SELECT i.service_id, s.duration_min * 60, s.price_minor, count(*) AS n, max (a.starts_at) AS latest"
    " FROM appointments a JOIN appointment_items i ON i.appointment_id = a.appointment_id"
    " JOIN services s ON s.service_id = i.service_id"
    " WHERE a.customer_id = ?1 AND a.status = 'completed'"
    " GROUP BY i.service_id ORDER BY n DESC, latest DESC, i.service_id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, customer_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      *out_service_id = g_strdup (column_text (stmt, 0));
      *out_duration_s = sqlite3_column_int64 (stmt, 1);
      *out_price_minor = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return found;
}

static int
compare_slot_fill (gconstpointer a,
                   gconstpointer b)
{
  const AhiSlotFillCandidate *x = *(AhiSlotFillCandidate * const *) a;
  const AhiSlotFillCandidate *y = *(AhiSlotFillCandidate * const *) b;

  if (x->expected_value_minor != y->expected_value_minor)
    return x->expected_value_minor > y->expected_value_minor ? -1 : 1;
  return strcmp (x->customer_id, y->customer_id);
}

static gboolean
add_at_risk_candidates (AhiDb            *db,
                        AhiBlueprint     *blueprint,
                        const FreedSlot  *slot,
                        gint64            now,
                        GHashTable       *seen,
                        GPtrArray        *out,
                        guint             limit,
                        GError          **error)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  gint64 window = rule_int (blueprint, "reactivation", "interval_days", DEFAULT_INTERVAL_DAYS);
  guint p_bp;

  /* Offering a slot to someone who did not ask is commercial: the
   * reactivation filter (consent, cap, no open booking…) applies. */
  customers = ahi_retention_reactivation_candidates (db, now, rule_channel (blueprint, "slot_fill"), NULL, error);
  if (customers == NULL)
    return FALSE;
  p_bp = return_probability_bp (db, now, window, NULL, NULL, error);
  if (p_bp == G_MAXUINT)
    return FALSE;

  ranked = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_slot_fill_candidate_free);
  for (guint i = 0; i < customers->len; i++)
    {
      AhiRetentionCustomer *c = g_ptr_array_index (customers, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *service_id = NULL;
      gint64 duration = 0;
      gint64 price = 0;
      AhiSlotFillCandidate *candidate;

      if (g_hash_table_contains (seen, c->customer_id) || g_strcmp0 (c->customer_id, slot->customer_id) == 0)
        continue;
      if (!usual_service (db, c->customer_id, &service_id, &duration, &price, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }
      if (duration > slot->ends_at - slot->starts_at)
        continue;

      candidate = g_new0 (AhiSlotFillCandidate, 1);
      candidate->customer_id = g_strdup (c->customer_id);
      candidate->source = AHI_SLOT_FILL_AT_RISK;
      candidate->service_id = g_steal_pointer (&service_id);
      candidate->tier = c->tier;
      candidate->expected_value_minor = mul_div (p_bp, price, 10000);
      g_ptr_array_add (ranked, candidate);
    }

  g_ptr_array_sort (ranked, compare_slot_fill);
  for (guint i = 0; i < ranked->len && out->len < limit; i++)
    g_ptr_array_add (out, g_steal_pointer (&g_ptr_array_index (ranked, i)));
  return TRUE;
}

GPtrArray *
ahi_retention_slot_fill_candidates (AhiDb       *db,
                                    const char  *cancelled_appointment_id,
                                    gint64       now,
                                    guint        limit,
                                    GError     **error)
{
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) seen = NULL;
  FreedSlot slot = { NULL, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (cancelled_appointment_id != NULL, NULL);

  blueprint = ahi_tenant_load_blueprint (db, error);
  if (blueprint == NULL)
    return NULL;
  if (!load_freed_slot (db, cancelled_appointment_id, &slot, error))
    {
      g_free (slot.customer_id);
      return NULL;
    }
  if (limit == 0)
    limit = rule_int (blueprint, "slot_fill", "max_candidates", DEFAULT_MAX_CANDIDATES);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_slot_fill_candidate_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Too close to the start for anyone to make it. */
  if (slot.starts_at < now + rule_int (blueprint, "slot_fill", "min_lead_minutes", 0) * 60)
    {
      g_free (slot.customer_id);
      return g_steal_pointer (&out);
    }

  ok = add_waitlist_candidates (db, cancelled_appointment_id, &slot, seen, out, limit, error) &&
       add_at_risk_candidates (db, blueprint, &slot, now, seen, out, limit, error);
  g_free (slot.customer_id);
  if (!ok)
    return NULL;
  return g_steal_pointer (&out);
}
