/* ahi-reputation.c — ratings: summary, recovery alerts, review booster */
#include "store/engine/ahi-reputation.h"

#include "store/engine/ahi-retention.h"
#include "store/ahi-tenant.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"

#define HOUR G_GINT64_CONSTANT (3600)
#define DAY  G_GINT64_CONSTANT (86400)

/* ------------------------------------------------------------ helpers */


/* sum × 100 ÷ count, rounded half up (ratings are positive). */
static gint64
average_hundredths (gint64 sum,
                    gint64 count)
{
  return count > 0 ? (sum * 200 + count) / (2 * count) : 0;
}

static gboolean
count_window (AhiDb    *db,
              gint64    from,
              gint64    until,
              guint     distribution[5],
              guint    *out_count,
              gint64   *out_average,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 sum = 0;
  guint count = 0;

  stmt = ahi_db_prepare (db,
    "SELECT rating, count(*) FROM reviews WHERE received_at >= ?1 AND received_at < ?2 GROUP BY rating", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, until);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 rating = sqlite3_column_int64 (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      /* The catalogue bounds ratings to 1–5. */
      g_assert (rating >= 1 && rating <= 5);
      if (distribution != NULL)
        distribution[rating - 1] = n;
      count += n;
      sum += rating * n;
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return FALSE;
  *out_count = count;
  *out_average = average_hundredths (sum, count);
  return TRUE;
}

static gboolean
append_built (AhiStore   *store,
              GPtrArray  *events,
              guint      *out_n,
              GError    **error)
{
  if (out_n != NULL)
    *out_n = 0;
  if (events == NULL)
    return FALSE;
  if (events->len > 0 && !ahi_store_append_all (store, events, NULL, error))
    return FALSE;
  if (out_n != NULL)
    *out_n = events->len;
  return TRUE;
}

/* ------------------------------------------------------------- summary */

gboolean
ahi_reputation_summary (AhiDb                 *db,
                        gint64                 from,
                        gint64                 until,
                        AhiReputationSummary  *out,
                        GError               **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (from <= until, FALSE);

  memset (out, 0, sizeof *out);
  out->from = from;
  out->until = until;
  if (!count_window (db, from, until, out->distribution, &out->count, &out->average_hundredths, error) ||
      !count_window (db, from - (until - from), from, NULL, &out->previous_count,
                     &out->previous_average_hundredths, error))
    return FALSE;
  out->has_trend = out->count > 0 && out->previous_count > 0;
  if (out->has_trend)
    out->trend_hundredths = out->average_hundredths - out->previous_average_hundredths;
  return TRUE;
}

/* ------------------------------------------------------------ recovery */

GPtrArray *
ahi_reputation_build_recovery_alerts (AhiStore    *store,
                                      gint64       since,
                                      gint64       now,
                                      const char  *actor_user_id,
                                      const char  *actor_role,
                                      GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  AhiDb *db;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (actor_user_id != NULL && actor_role != NULL, NULL);

  db = ahi_store_get_db (store);
  stmt = ahi_db_prepare (db,
    "SELECT r.review_id, r.rating, r.source, r.customer_id, r.appointment_id FROM reviews r"
    " WHERE r.rating <= ?2 AND r.received_at >= ?1"
    " AND NOT EXISTS (SELECT 1 FROM ops_alerts o WHERE o.kind = 'low_rating'"
    "   AND o.subject_entity = 'review' AND o.subject_id = r.review_id)"
    " ORDER BY r.received_at, r.review_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int (stmt, 2, AHI_REPUTATION_LOW_RATING);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      g_autofree char *alert_id = ahi_id_new ();
      AhiEvent *event = ahi_store_new_event (store, "ops.alert.raised", alert_id, actor_user_id, actor_role, now);
      JsonObject *detail = json_object_new ();
      gint64 rating = sqlite3_column_int64 (stmt, 1);

      /* Codes and ids only: the comment is personal data and stays in
       * the review. */
      json_object_set_int_member (detail, "rating", rating);
      json_object_set_string_member (detail, "source", (const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        json_object_set_string_member (detail, "customer_id", (const char *) sqlite3_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        json_object_set_string_member (detail, "appointment_id", (const char *) sqlite3_column_text (stmt, 4));

      json_object_set_string_member (event->payload, "kind", "low_rating");
      json_object_set_string_member (event->payload, "severity", rating <= 1 ? "critical" : "warning");
      json_object_set_string_member (event->payload, "subject_entity", "review");
      json_object_set_string_member (event->payload, "subject_id", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_object_member (event->payload, "detail", detail);
      g_ptr_array_add (events, event);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&events);
}

gboolean
ahi_reputation_raise_recovery_alerts (AhiStore    *store,
                                      gint64       since,
                                      gint64       now,
                                      const char  *actor_user_id,
                                      const char  *actor_role,
                                      guint       *out_n_alerts,
                                      GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);

  events = ahi_reputation_build_recovery_alerts (store, since, now, actor_user_id, actor_role, error);
  return append_built (store, events, out_n_alerts, error);
}

/* ------------------------------------------------------ review booster */

GPtrArray *
ahi_reputation_build_review_requests (AhiStore    *store,
                                      gint64       now,
                                      const char  *actor_user_id,
                                      const char  *actor_role,
                                      GError     **error)
{
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) asked = NULL;
  g_autoptr(GError) local_error = NULL;
  const AhiAutomationRule *rule;
  const char *channel = "whatsapp";
  gint64 delay = 3 * HOUR;
  sqlite3_stmt *stmt;
  AhiDb *db;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (actor_user_id != NULL && actor_role != NULL, NULL);

  db = ahi_store_get_db (store);
  blueprint = ahi_tenant_load_blueprint (db, error);
  if (blueprint == NULL)
    return NULL;
  rule = ahi_blueprint_lookup_automation (blueprint, "review_request");
  if (rule != NULL)
    {
      delay = ahi_automation_rule_get_int (rule, "delay_hours") * HOUR;
      channel = ahi_automation_rule_get_string (rule, "channel");
    }

  /* The latest visits first, so a customer with two visits is asked
   * about the more recent one. The bound on starts_at lets the time index
   * find them (a visit lasts far less than the week it allows). */
  stmt = ahi_db_prepare (db,
    "SELECT a.appointment_id, a.customer_id, a.ends_at FROM appointments a"
    " JOIN customers c ON c.customer_id = a.customer_id"
    " WHERE a.starts_at > ?1 - ?2 - 8 * 86400 AND a.starts_at <= ?1"
    " AND a.status = 'completed' AND a.ends_at > ?1 - ?2 - 86400 AND a.ends_at <= ?1"
    " AND c.erased_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.appointment_id = a.appointment_id)"
    " AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.appointment_id = a.appointment_id"
    "   AND m.purpose = 'review_request' AND NOT " AHI_REMINDER_WITHDRAWN_SQL ("m") ")"
    " AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = a.customer_id AND k.purpose = 'marketing'"
    "   AND k.channel = ?3 AND k.withdrawn_at IS NULL AND k.iys_state IN ('registered', 'not_required'))"
    " AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.customer_id = a.customer_id"
    "   AND m.purpose IN " AHI_COMMERCIAL_PURPOSES_SQL " AND " AHI_REMINDER_CONTACTED_SQL ("m")
    "   AND coalesce (m.sent_at, m.due_at) > ?1 - ?4)"
    " ORDER BY a.ends_at DESC, a.appointment_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, delay);
  ahi_db_bind_text (stmt, 3, channel);
  sqlite3_bind_int64 (stmt, 4, ahi_tenant_setting_int (db, "contact_cap_days", 30) * DAY);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *customer_id = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *reminder_id = NULL;
      g_autofree char *due_text = NULL;
      AhiEvent *event;

      if (g_hash_table_contains (asked, customer_id))
        continue;
      g_hash_table_add (asked, g_strdup (customer_id));

      reminder_id = ahi_id_new ();
      due_text = ahi_time_format_utc (MAX (now, sqlite3_column_int64 (stmt, 2) + delay));
      event = ahi_store_new_event (store, "reminder.created", reminder_id, actor_user_id, actor_role, now);
      json_object_set_string_member (event->payload, "customer_id", customer_id);
      json_object_set_string_member (event->payload, "channel", channel);
      json_object_set_string_member (event->payload, "purpose", "review_request");
      json_object_set_string_member (event->payload, "due_at", due_text);
      json_object_set_string_member (event->payload, "template", "review_request_v1");
      json_object_set_string_member (event->payload, "appointment_id", (const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (events, event);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&events);
}

gboolean
ahi_reputation_queue_review_requests (AhiStore    *store,
                                      gint64       now,
                                      const char  *actor_user_id,
                                      const char  *actor_role,
                                      guint       *out_n_requests,
                                      GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);

  events = ahi_reputation_build_review_requests (store, now, actor_user_id, actor_role, error);
  return append_built (store, events, out_n_requests, error);
}
