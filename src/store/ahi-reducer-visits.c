/* ahi-reducer-visits.c — appointments and what follows them: CRM, messages, reviews, money */
#include "store/ahi-reducer-private.h"

#include "core/ahi-money.h"

/* The resources an item holds for its time, each a reference that must
 * exist. */
static gboolean
insert_item_resources (AhiDb           *db,
                       const AhiEvent  *event,
                       JsonObject      *item,
                       guint            position,
                       JsonArray       *resources,
                       GError         **error)
{
  for (guint r = 0; resources != NULL && r < json_array_get_length (resources); r++)
    {
      const char *resource_id = json_array_get_string_element (resources, r);

      if (!require_reference (db, event, "resource", RESOURCE_SQL, resource_id, error))
        return FALSE;
      sqlite3_stmt *stmt = ahi_db_prepare (db,
        "INSERT OR IGNORE INTO appointment_resources (appointment_id, position, resource_id, starts_at, ends_at)"
        " VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      sqlite3_bind_int (stmt, 2, position);
      ahi_db_bind_text (stmt, 3, resource_id);
      bind_time (stmt, 4, item, "starts_at");
      bind_time (stmt, 5, item, "ends_at");
      if (!ahi_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------- appointments */

static gboolean
insert_appointment_item (AhiDb           *db,
                         const AhiEvent  *event,
                         guint            position,
                         JsonObject      *item,
                         GError         **error)
{
  JsonArray *resources = json_object_has_member (item, "resource_ids")
                         ? json_object_get_array_member (item, "resource_ids") : NULL;
  sqlite3_stmt *stmt;

  if (!require_reference (db, event, "service", SERVICE_SQL, member_string (item, "service_id"), error) ||
      !require_reference (db, event, "staff member", STAFF_SQL, member_string (item, "staff_id"), error))
    return FALSE;

  stmt = ahi_db_prepare (db,
    "INSERT INTO appointment_items (appointment_id, position, service_id, staff_id, starts_at, ends_at, price_minor)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int (stmt, 2, position);
  bind_member (stmt, 3, item, "service_id");
  bind_member (stmt, 4, item, "staff_id");
  bind_time (stmt, 5, item, "starts_at");
  bind_time (stmt, 6, item, "ends_at");
  bind_member (stmt, 7, item, "price_minor");
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  return insert_item_resources (db, event, item, position, resources, error);
}

gboolean
reduce_appointment_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  JsonArray *items = json_object_get_array_member (p, "items");
  gint64 total = 0;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error) ||
      !require_reference (db, event, "vehicle", "SELECT 1 FROM vehicles WHERE vehicle_id = ?1",
                          member_string (p, "vehicle_id"), error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    total += json_object_get_int_member (json_array_get_object_element (items, i), "price_minor");

  stmt = ahi_db_prepare (db,
    "INSERT INTO appointments (appointment_id, customer_id, starts_at, ends_at, status, source, total_minor,"
    " vehicle_id, plan_step_id, campaign_id, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, 'booked', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_time (stmt, 3, p, "starts_at");
  bind_time (stmt, 4, p, "ends_at");
  bind_member (stmt, 5, p, "source");
  sqlite3_bind_int64 (stmt, 6, total);
  bind_member (stmt, 7, p, "vehicle_id");
  bind_member (stmt, 8, p, "plan_step_id");
  bind_member (stmt, 9, p, "campaign_id");
  ahi_db_bind_text (stmt, 10, event->actor_user_id);
  sqlite3_bind_int64 (stmt, 11, event->occurred_at);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!insert_appointment_item (db, event, i, json_array_get_object_element (items, i), error))
      return FALSE;

  return refresh_customer_visits (db, member_string (p, "customer_id"), error);
}

/* Reads an appointment's status and customer; NOT_FOUND when unknown. */
static gboolean
lookup_appointment (AhiDb           *db,
                    const AhiEvent  *event,
                    char           **out_status,
                    char           **out_customer_id,
                    gint64          *out_starts_at,
                    GError         **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT status, customer_id, starts_at FROM appointments WHERE appointment_id = ?", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                     "%s: no appointment with id %s", event->type, event->entity_id);
      return FALSE;
    }
  *out_status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *out_customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *out_starts_at = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
reduce_appointment_cancelled (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  g_autofree char *status = NULL;
  g_autofree char *customer_id = NULL;
  gint64 starts_at = 0;
  gint64 window_min;
  sqlite3_stmt *stmt;

  if (!lookup_appointment (db, event, &status, &customer_id, &starts_at, error))
    return FALSE;
  if (!g_str_equal (status, "booked") && !g_str_equal (status, "confirmed"))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Appointment %s is %s and can no longer be cancelled", event->entity_id, status);
      return FALSE;
    }

  /* Late cancellation is an attribute, decided by the tenant's window at
   * the time the event says it happened. */
  {
    g_autoptr(GError) local_error = NULL;

    window_min = ahi_db_query_int (db, "SELECT late_cancel_window_min FROM tenant_settings", 1440, &local_error);
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

  stmt = ahi_db_prepare (db,
    "UPDATE appointments SET status = 'cancelled', cancelled_by = ?2, cancel_reason = ?3, late_cancel = ?4,"
    " cancelled_at = ?5, updated_at = ?5 WHERE appointment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "cancelled_by");
  bind_member (stmt, 3, p, "reason");
  sqlite3_bind_int (stmt, 4, starts_at - event->occurred_at < window_min * 60);
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  /* A cancelled booking no longer holds its resources. */
  stmt = ahi_db_prepare (db, "DELETE FROM appointment_resources WHERE appointment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  return refresh_customer_visits (db, customer_id, error);
}

/* A moved item: its new person and times, and what it holds now. */
static gboolean
move_appointment_item (AhiDb           *db,
                       const AhiEvent  *event,
                       guint            position,
                       JsonObject      *item,
                       GError         **error)
{
  JsonArray *resources = json_object_has_member (item, "resource_ids")
                         ? json_object_get_array_member (item, "resource_ids") : NULL;
  sqlite3_stmt *stmt;

  if (!require_reference (db, event, "staff member", STAFF_SQL, member_string (item, "staff_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "UPDATE appointment_items SET staff_id = ?3, starts_at = ?4, ends_at = ?5"
    " WHERE appointment_id = ?1 AND position = ?2", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int (stmt, 2, position);
  bind_member (stmt, 3, item, "staff_id");
  bind_time (stmt, 4, item, "starts_at");
  bind_time (stmt, 5, item, "ends_at");
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  return insert_item_resources (db, event, item, position, resources, error);
}

/* A move changes where and when, never what or for whom: the same id,
 * status, services and prices, so nothing counts it as a cancellation. */
gboolean
reduce_appointment_moved (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  JsonArray *items = json_object_get_array_member (p, "items");
  g_autofree char *status = NULL;
  g_autofree char *customer_id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 starts_at = 0;
  gint64 n_items;
  sqlite3_stmt *stmt;

  if (!lookup_appointment (db, event, &status, &customer_id, &starts_at, error))
    return FALSE;
  if (!g_str_equal (status, "booked") && !g_str_equal (status, "confirmed"))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Appointment %s is %s and can no longer be moved", event->entity_id, status);
      return FALSE;
    }

  stmt = ahi_db_prepare (db, "SELECT count (*) FROM appointment_items WHERE appointment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  n_items = ahi_db_step_row (db, stmt, &local_error) ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (n_items != json_array_get_length (items))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Appointment %s has %" G_GINT64_FORMAT " items; the move places %u",
                   event->entity_id, n_items, json_array_get_length (items));
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
    "UPDATE appointments SET starts_at = ?2, ends_at = ?3, updated_at = ?4 WHERE appointment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_time (stmt, 2, p, "starts_at");
  bind_time (stmt, 3, p, "ends_at");
  sqlite3_bind_int64 (stmt, 4, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  /* What the items held is replaced by what the move says they hold. */
  stmt = ahi_db_prepare (db, "DELETE FROM appointment_resources WHERE appointment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (!move_appointment_item (db, event, i, json_array_get_object_element (items, i), error))
      return FALSE;

  /* The customer's next visit may be another day now. */
  return refresh_customer_visits (db, customer_id, error);
}

gboolean
reduce_appointment_status_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  g_autofree char *status = NULL;
  g_autofree char *customer_id = NULL;
  gint64 starts_at = 0;
  sqlite3_stmt *stmt;

  if (!lookup_appointment (db, event, &status, &customer_id, &starts_at, error))
    return FALSE;
  /* Any correction among the live statuses is allowed (a no-show marked by
   * mistake becomes completed); a cancelled booking stays cancelled. */
  if (g_str_equal (status, "cancelled"))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Appointment %s was cancelled; its status cannot change", event->entity_id);
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
    "UPDATE appointments SET status = ?2, late_min = coalesce (?3, late_min), updated_at = ?4"
    " WHERE appointment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "status");
  bind_member (stmt, 3, p, "late_min");
  sqlite3_bind_int64 (stmt, 4, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  return refresh_customer_visits (db, customer_id, error);
}

/* ---------------------------------------------------------------- CRM */

gboolean
reduce_note_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO notes (note_id, customer_id, kind, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, p, "kind");
  bind_member (stmt, 4, event->pii, "text");
  ahi_db_bind_text (stmt, 5, event->actor_user_id);
  sqlite3_bind_int64 (stmt, 6, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_reminder_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO reminders (reminder_id, customer_id, channel, purpose, due_at, template, appointment_id,"
    " campaign_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, p, "channel");
  bind_member (stmt, 4, p, "purpose");
  bind_time (stmt, 5, p, "due_at");
  bind_member (stmt, 6, p, "template");
  bind_member (stmt, 7, p, "appointment_id");
  bind_member (stmt, 8, p, "campaign_id");
  sqlite3_bind_int64 (stmt, 9, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_reminder_sent (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE reminders SET status = ?2, sent_at = ?3, provider = ?4, provider_ref = ?5, failure = ?6"
    " WHERE reminder_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "result");
  sqlite3_bind_int64 (stmt, 3, event->occurred_at);
  bind_member (stmt, 4, p, "provider");
  bind_member (stmt, 5, p, "provider_ref");
  bind_member (stmt, 6, p, "failure");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
reduce_reminder_completed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE reminders SET status = 'completed', outcome = ?2 WHERE reminder_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, event->payload, "outcome");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
reduce_review_received (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO reviews (review_id, rating, source, customer_id, appointment_id, comment, received_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "rating");
  bind_member (stmt, 3, p, "source");
  bind_member (stmt, 4, p, "customer_id");
  bind_member (stmt, 5, p, "appointment_id");
  bind_member (stmt, 6, event->pii, "comment");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_ops_alert_raised (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO ops_alerts (alert_id, kind, severity, subject_entity, subject_id, detail, raised_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "kind");
  bind_member (stmt, 3, p, "severity");
  bind_member (stmt, 4, p, "subject_entity");
  bind_member (stmt, 5, p, "subject_id");
  bind_member (stmt, 6, p, "detail");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_ops_alert_resolved (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE ops_alerts SET resolved_at = ?2, resolution = ?3 WHERE alert_id = ?1 AND resolved_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  bind_member (stmt, 3, event->payload, "resolution");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
reduce_waitlist_added (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error) ||
      !require_reference (db, event, "service", SERVICE_SQL, member_string (p, "service_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO waitlist (entry_id, customer_id, service_id, earliest_at, latest_at, staff_id, added_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, p, "service_id");
  bind_time (stmt, 4, p, "earliest_at");
  bind_time (stmt, 5, p, "latest_at");
  bind_member (stmt, 6, p, "staff_id");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_waitlist_removed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE waitlist SET removed_at = ?2, removed_reason = ?3 WHERE entry_id = ?1 AND removed_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  bind_member (stmt, 3, event->payload, "reason");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
reduce_consent_given (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO consents (consent_id, customer_id, purpose, channel, source, iys_state, given_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, p, "purpose");
  bind_member (stmt, 4, p, "channel");
  bind_member (stmt, 5, p, "source");
  bind_member (stmt, 6, p, "iys_state");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
reduce_consent_withdrawn (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE consents SET withdrawn_at = ?2, withdrawn_source = ?3 WHERE consent_id = ?1 AND withdrawn_at IS NULL",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  bind_member (stmt, 3, event->payload, "source");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
reduce_consent_iys_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "UPDATE consents SET iys_state = ?2 WHERE consent_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, event->payload, "iys_state");
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ------------------------------------------------------------ revenue */

gboolean
reduce_revenue_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  gint64 amount = json_object_get_int_member (p, "amount_minor");
  gint rate = json_object_get_int_member (p, "vat_rate_bp");

  /* Money names only what exists: a sale for an unknown or erased
   * customer, visit or staff member is refused, as every reference is. */
  if (!require_customer (db, event, member_string (p, "customer_id"), error) ||
      !require_reference (db, event, "appointment", "SELECT 1 FROM appointments WHERE appointment_id = ?1",
                          member_string (p, "appointment_id"), error) ||
      !require_reference (db, event, "staff member", STAFF_SQL, member_string (p, "staff_id"), error))
    return FALSE;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO revenue_events (revenue_event_id, kind, source, method, amount_minor, discount_minor, currency,"
    " vat_rate_bp, vat_minor, booked_at, customer_id, appointment_id, staff_id, campaign_id, recorded_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce (?6, 0), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "kind");
  bind_member (stmt, 3, p, "source");
  bind_member (stmt, 4, p, "method");
  sqlite3_bind_int64 (stmt, 5, amount);
  bind_member (stmt, 6, p, "discount_minor");
  bind_member (stmt, 7, p, "currency");
  sqlite3_bind_int (stmt, 8, rate);
  sqlite3_bind_int64 (stmt, 9, ahi_money_vat_included (amount, rate));
  bind_time (stmt, 10, p, "booked_at");
  bind_member (stmt, 11, p, "customer_id");
  bind_member (stmt, 12, p, "appointment_id");
  bind_member (stmt, 13, p, "staff_id");
  bind_member (stmt, 14, p, "campaign_id");
  ahi_db_bind_text (stmt, 15, event->actor_user_id);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;

  /* A customer's sales, kept beside the visit columns: the average ticket
   * the retention engine weighs 100k customers by is then one row each. */
  if (g_str_equal (json_object_get_string_member (p, "kind"), "sale") &&
      member_string (p, "customer_id") != NULL)
    {
      stmt = ahi_db_prepare (db,
        "UPDATE customers SET"
        " sales_minor = (SELECT coalesce (sum (amount_minor), 0) FROM revenue_events"
        "                WHERE customer_id = ?1 AND kind = 'sale'),"
        " sales_tickets = (SELECT count (DISTINCT coalesce (appointment_id, revenue_event_id)) FROM revenue_events"
        "                  WHERE customer_id = ?1 AND kind = 'sale')"
        " WHERE customer_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      bind_member (stmt, 1, p, "customer_id");
      return ahi_db_step_done (db, stmt, error);
    }
  return TRUE;
}

/* --------------------------------------------------------- automation */

gboolean
reduce_reactivation_queued (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  JsonArray *customers = json_object_get_array_member (p, "customer_ids");
  JsonArray *reminders = json_object_get_array_member (p, "reminder_ids");
  sqlite3_stmt *stmt;

  if (json_array_get_length (customers) != json_array_get_length (reminders))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%s: %u customers but %u reminders", event->type,
                   json_array_get_length (customers), json_array_get_length (reminders));
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
    "INSERT INTO campaigns (campaign_id, tier, channel, customer_count, expected_value_minor, queued_by, queued_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "tier");
  bind_member (stmt, 3, p, "channel");
  sqlite3_bind_int (stmt, 4, json_array_get_length (customers));
  bind_member (stmt, 5, p, "expected_value_minor");
  ahi_db_bind_text (stmt, 6, event->actor_user_id);
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      const char *customer_id = json_array_get_string_element (customers, i);

      if (!require_customer (db, event, customer_id, error))
        return FALSE;
      stmt = ahi_db_prepare (db,
        "INSERT INTO campaign_members (campaign_id, customer_id, reminder_id) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      ahi_db_bind_text (stmt, 2, customer_id);
      ahi_db_bind_text (stmt, 3, json_array_get_string_element (reminders, i));
      if (!insert_entity (db, event, stmt, error))
        return FALSE;
    }
  return TRUE;
}

