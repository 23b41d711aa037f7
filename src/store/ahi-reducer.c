/* ahi-reducer.c — applies one event to the projection tables
 *
 * One function per event type, found through a table. Partial updates use
 * coalesce (?, column): an absent member binds NULL and keeps the value.
 */
#include "ahi-reducer.h"

#include "ahi-store-error.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-fold.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-money.h"
#include "core/ahi-time.h"

typedef gboolean (*ReduceFunc) (AhiDb *db, const AhiEvent *event, GError **error);

/* ------------------------------------------------------------- helpers */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static gint64
member_time (JsonObject *object,
             const char *name)
{
  const char *text = member_string (object, name);
  gint64 value = 0;

  /* The event was validated: a present time member parses. */
  if (text != NULL && !ahi_time_parse_utc (text, &value))
    g_assert_not_reached ();
  return value;
}

static int
clock_minutes (const char *text)
{
  int minutes = 0;

  if (!ahi_clock_parse (text, &minutes))
    g_assert_not_reached ();
  return minutes;
}

/* Canonical JSON text of a member (object members sorted by name), so
 * that free-form objects (rule params, alert detail, blueprint overrides)
 * are stored the same however the event spelled them. */
static char *
member_json (JsonObject *object,
             const char *name)
{
  g_autoptr(JsonNode) sorted = NULL;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  sorted = ahi_json_strict_copy (json_object_get_member (object, name), TRUE);
  return ahi_json_strict_to_string (sorted);
}

/* Binds a member by its JSON type: strings as text, integers and booleans
 * as integers, arrays and objects as JSON text, absent as NULL. */
static void
bind_member (sqlite3_stmt *stmt,
             int           index,
             JsonObject   *object,
             const char   *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        ahi_db_bind_text (stmt, index, json_node_get_string (node));
      else if (type == G_TYPE_BOOLEAN)
        sqlite3_bind_int (stmt, index, json_node_get_boolean (node));
      else
        sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
    }
  else if (JSON_NODE_HOLDS_NULL (node))
    sqlite3_bind_null (stmt, index);
  else
    {
      g_autofree char *text = member_json (object, name);
      ahi_db_bind_text (stmt, index, text);
    }
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           JsonObject   *object,
           const char   *name)
{
  if (member_string (object, name) == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, member_time (object, name));
}

/* Runs sql with ?1 bound to the entity id and a final check that exactly
 * one row changed (else NOT_FOUND). Used by every update of one entity. */
static gboolean
require_changed (AhiDb           *db,
                 const AhiEvent  *event,
                 GError         **error)
{
  if (sqlite3_changes (ahi_db_get_handle (db)) == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                   "%s: no %s with id %s", event->type, event->entity, event->entity_id);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when the query (with ?1 bound to id) returns a row. */
static gboolean
row_exists (AhiDb       *db,
            const char  *sql,
            const char  *id,
            gboolean    *out_exists,
            GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, id);
  *out_exists = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_reference (AhiDb           *db,
                   const AhiEvent  *event,
                   const char      *what,
                   const char      *sql,
                   const char      *id,
                   GError         **error)
{
  gboolean exists = FALSE;

  if (id == NULL)
    return TRUE;
  if (!row_exists (db, sql, id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_REFERENCE,
                   "%s refers to %s %s, which does not exist", event->type, what, id);
      return FALSE;
    }
  return TRUE;
}

#define CUSTOMER_SQL "SELECT 1 FROM customers WHERE customer_id = ?1 AND erased_at IS NULL"
#define SERVICE_SQL  "SELECT 1 FROM services WHERE service_id = ?1"
#define STAFF_SQL    "SELECT 1 FROM staff WHERE staff_id = ?1"
#define RESOURCE_SQL "SELECT 1 FROM tenant_resources WHERE resource_id = ?1 AND deleted_at IS NULL"

static gboolean
require_customer (AhiDb *db, const AhiEvent *event, const char *id, GError **error)
{
  return require_reference (db, event, "customer", CUSTOMER_SQL, id, error);
}

/* Inserts a new entity row; a second create of the same id is a conflict
 * rather than a silent overwrite. */
static gboolean
insert_entity (AhiDb           *db,
               const AhiEvent  *event,
               sqlite3_stmt    *stmt,
               GError         **error)
{
  if (!ahi_db_step_done (db, stmt, error))
    {
      if ((sqlite3_extended_errcode (ahi_db_get_handle (db)) & 0xff) == SQLITE_CONSTRAINT)
        {
          g_clear_error (error);
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT,
                       "%s: %s %s exists already", event->type, event->entity, event->entity_id);
        }
      return FALSE;
    }
  return TRUE;
}

static char *
customer_search_key (AhiDb       *db,
                     const char  *customer_id,
                     GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
                                       "SELECT coalesce (full_name, ''), coalesce (phone, ''),"
                                       " coalesce (email, ''), coalesce (city, '') FROM customers WHERE customer_id = ?",
                                       error);
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, customer_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *phone = (const char *) sqlite3_column_text (stmt, 1);

      g_string_append_printf (raw, "%s %s %s",
                              sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 2),
                              sqlite3_column_text (stmt, 3));
      /* Index the national number too, so "532 12" finds +90 532 12…. */
      if (g_str_has_prefix (phone, "+90"))
        g_string_append_printf (raw, " %s", phone + 3);
      else if (*phone == '+')
        g_string_append_printf (raw, " %s", phone + 1);
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return ahi_fold (raw->str);
}

static gboolean
refresh_customer_search (AhiDb       *db,
                         const char  *customer_id,
                         GError     **error)
{
  g_autofree char *key = customer_search_key (db, customer_id, error);
  sqlite3_stmt *stmt;

  if (key == NULL)
    return FALSE;
  stmt = ahi_db_prepare (db, "UPDATE customers SET search_key = ?2 WHERE customer_id = ?1 AND search_key <> ?2", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, customer_id);
  ahi_db_bind_text (stmt, 2, key);
  return ahi_db_step_done (db, stmt, error);
}

/* Recomputes the visit columns the Command Center reads from one
 * customer's appointments. */
static gboolean
refresh_customer_visits (AhiDb       *db,
                         const char  *customer_id,
                         GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE customers SET"
    " completed_visits = (SELECT count(*) FROM appointments WHERE customer_id = ?1 AND status = 'completed'),"
    " no_shows = (SELECT count(*) FROM appointments WHERE customer_id = ?1 AND status = 'no_show'),"
    " first_completed_at = (SELECT min(starts_at) FROM appointments WHERE customer_id = ?1 AND status = 'completed'),"
    " last_completed_at = (SELECT max(starts_at) FROM appointments WHERE customer_id = ?1 AND status = 'completed'),"
    " last_status = (SELECT status FROM appointments WHERE customer_id = ?1 AND status IN ('completed', 'no_show')"
    "                ORDER BY starts_at DESC, appointment_id DESC LIMIT 1),"
    " next_start_at = (SELECT min(starts_at) FROM appointments WHERE customer_id = ?1"
    "                  AND status IN ('booked', 'confirmed', 'arrived'))"
    " WHERE customer_id = ?1",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, customer_id);
  return ahi_db_step_done (db, stmt, error);
}

/* ------------------------------------------------------------- tenant */

static gboolean
replace_opening_hours (AhiDb      *db,
                       JsonArray  *intervals,
                       GError    **error)
{
  if (!ahi_db_exec (db, "DELETE FROM opening_hours", error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (intervals); i++)
    {
      JsonObject *interval = json_array_get_object_element (intervals, i);
      sqlite3_stmt *stmt = ahi_db_prepare (db,
                                           "INSERT OR REPLACE INTO opening_hours (weekday, opens_min, closes_min)"
                                           " VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (interval, "weekday"));
      sqlite3_bind_int (stmt, 2, clock_minutes (json_object_get_string_member (interval, "opens")));
      sqlite3_bind_int (stmt, 3, clock_minutes (json_object_get_string_member (interval, "closes")));
      if (!ahi_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reduce_tenant_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO tenant_settings (tenant_id, name, sector, timezone, currency, locale, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  bind_member (stmt, 2, p, "name");
  bind_member (stmt, 3, p, "sector");
  bind_member (stmt, 4, p, "timezone");
  bind_member (stmt, 5, p, "currency");
  bind_member (stmt, 6, p, "locale");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;

  stmt = ahi_db_prepare (db, "INSERT OR REPLACE INTO store_meta (key, value) VALUES ('tenant_id', ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  return replace_opening_hours (db, json_object_get_array_member (p, "opening_hours"), error);
}

static gboolean
reduce_tenant_settings_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE tenant_settings SET name = coalesce (?2, name), timezone = coalesce (?3, timezone),"
    " locale = coalesce (?4, locale), late_cancel_window_min = coalesce (?5, late_cancel_window_min),"
    " slot_buffer_min = coalesce (?6, slot_buffer_min), contact_cap_days = coalesce (?7, contact_cap_days),"
    " updated_at = ?8 WHERE tenant_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  bind_member (stmt, 2, p, "name");
  bind_member (stmt, 3, p, "timezone");
  bind_member (stmt, 4, p, "locale");
  bind_member (stmt, 5, p, "late_cancel_window_min");
  bind_member (stmt, 6, p, "slot_buffer_min");
  bind_member (stmt, 7, p, "contact_cap_days");
  sqlite3_bind_int64 (stmt, 8, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error) || !require_changed (db, event, error))
    return FALSE;

  if (json_object_has_member (p, "opening_hours"))
    return replace_opening_hours (db, json_object_get_array_member (p, "opening_hours"), error);
  return TRUE;
}

static gboolean
reduce_blueprint_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  const char *sector = json_object_get_string_member (p, "sector");
  g_autoptr(AhiBlueprint) base = NULL;
  g_autoptr(AhiBlueprint) effective = NULL;
  g_autofree char *overrides = member_json (p, "overrides");
  sqlite3_stmt *stmt;

  /* The merged blueprint must be valid before anything is written: an
   * invalid override is refused whole. */
  base = ahi_blueprint_load (sector, error);
  if (base == NULL)
    return FALSE;
  if (json_object_has_member (p, "overrides"))
    effective = ahi_blueprint_merge (base, json_object_get_object_member (p, "overrides"), error);
  else
    effective = g_object_ref (base);
  if (effective == NULL)
    return FALSE;

  stmt = ahi_db_prepare (db,
    "INSERT INTO tenant_blueprint_overrides (tenant_id, sector, overrides, updated_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (tenant_id) DO UPDATE SET sector = ?2, overrides = ?3, updated_at = ?4", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  ahi_db_bind_text (stmt, 2, sector);
  ahi_db_bind_text (stmt, 3, overrides != NULL ? overrides : "{}");
  sqlite3_bind_int64 (stmt, 4, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  stmt = ahi_db_prepare (db, "UPDATE tenant_settings SET sector = ?2, updated_at = ?3 WHERE tenant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  ahi_db_bind_text (stmt, 2, sector);
  sqlite3_bind_int64 (stmt, 3, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  if (!ahi_db_exec (db, "DELETE FROM retention_segments", error))
    return FALSE;
  {
    const AhiRiskTiers *tiers = ahi_blueprint_get_risk_tiers (effective);
    const struct { const char *tier; guint pct; } rows[] = {
      { "due", tiers->due_pct },
      { "at_risk", tiers->at_risk_pct },
      { "lost", tiers->lost_pct },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        stmt = ahi_db_prepare (db, "INSERT INTO retention_segments (tier, min_ratio_bp) VALUES (?, ?)", error);
        if (stmt == NULL)
          return FALSE;
        ahi_db_bind_text (stmt, 1, rows[i].tier);
        sqlite3_bind_int64 (stmt, 2, (gint64) rows[i].pct * 100);
        if (!ahi_db_step_done (db, stmt, error))
          return FALSE;
      }
  }
  return TRUE;
}

static gboolean
reduce_compliance_profile_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT OR REPLACE INTO compliance_profiles (tenant_id, kvkk, gdpr_ready, healthcare_mode,"
    " retention_months, updated_at) VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->tenant_id);
  bind_member (stmt, 2, p, "kvkk");
  bind_member (stmt, 3, p, "gdpr_ready");
  bind_member (stmt, 4, p, "healthcare_mode");
  bind_member (stmt, 5, p, "retention_months");
  sqlite3_bind_int64 (stmt, 6, event->occurred_at);
  return ahi_db_step_done (db, stmt, error);
}

static gboolean
reduce_automation_rule_set (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT OR REPLACE INTO automation_rules (rule_id, kind, enabled, params, updated_at) VALUES (?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "kind");
  bind_member (stmt, 3, p, "enabled");
  bind_member (stmt, 4, p, "params");
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  return ahi_db_step_done (db, stmt, error);
}

static gboolean
reduce_closure_added (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO business_closures (closure_id, starts_on, ends_on, reason) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "starts_on");
  bind_member (stmt, 3, p, "ends_on");
  bind_member (stmt, 4, p, "reason");
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_closure_removed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "DELETE FROM business_closures WHERE closure_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ---------------------------------------------------------- resources */

static gboolean
reduce_resource_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO tenant_resources (resource_id, kind, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "kind");
  bind_member (stmt, 3, p, "name");
  sqlite3_bind_int64 (stmt, 4, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_resource_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE tenant_resources SET kind = coalesce (?2, kind), name = coalesce (?3, name),"
    " in_service = coalesce (?4, in_service), updated_at = ?5"
    " WHERE resource_id = ?1 AND deleted_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "kind");
  bind_member (stmt, 3, p, "name");
  bind_member (stmt, 4, p, "in_service");
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

static gboolean
reduce_resource_deleted (AhiDb *db, const AhiEvent *event, GError **error)
{
  /* The row stays for the history of past bookings; deleted_at hides it. */
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE tenant_resources SET deleted_at = ?2, updated_at = ?2 WHERE resource_id = ?1 AND deleted_at IS NULL",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* -------------------------------------------------------------- staff */

static gboolean
reduce_staff_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO staff (staff_id, display_name, role, skills, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, coalesce (?4, '[]'), ?5, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "display_name");
  bind_member (stmt, 3, p, "role");
  bind_member (stmt, 4, p, "skills");
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_staff_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE staff SET display_name = coalesce (?2, display_name), role = coalesce (?3, role),"
    " skills = coalesce (?4, skills), active = coalesce (?5, active), pin_hash = coalesce (?6, pin_hash),"
    " updated_at = ?7 WHERE staff_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "display_name");
  bind_member (stmt, 3, p, "role");
  bind_member (stmt, 4, p, "skills");
  bind_member (stmt, 5, p, "active");
  bind_member (stmt, 6, p, "pin_hash");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

static gboolean
reduce_staff_hours_set (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonArray *intervals = json_object_get_array_member (event->payload, "intervals");
  sqlite3_stmt *stmt;

  if (!require_reference (db, event, "staff member", STAFF_SQL, event->entity_id, error))
    return FALSE;

  stmt = ahi_db_prepare (db, "DELETE FROM staff_hours WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (intervals); i++)
    {
      JsonObject *interval = json_array_get_object_element (intervals, i);

      stmt = ahi_db_prepare (db,
                             "INSERT OR REPLACE INTO staff_hours (staff_id, weekday, starts_min, ends_min)"
                             " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      sqlite3_bind_int64 (stmt, 2, json_object_get_int_member (interval, "weekday"));
      sqlite3_bind_int (stmt, 3, clock_minutes (json_object_get_string_member (interval, "starts")));
      sqlite3_bind_int (stmt, 4, clock_minutes (json_object_get_string_member (interval, "ends")));
      if (!ahi_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reduce_staff_absence_added (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_reference (db, event, "staff member", STAFF_SQL, member_string (p, "staff_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO staff_absences (absence_id, staff_id, kind, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "staff_id");
  bind_member (stmt, 3, p, "kind");
  bind_time (stmt, 4, p, "starts_at");
  bind_time (stmt, 5, p, "ends_at");
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_staff_absence_removed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "DELETE FROM staff_absences WHERE absence_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ----------------------------------------------------------- services */

static gboolean
reduce_service_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO services (service_id, code, name, duration_min, price_minor, vat_rate_bp, resource_kinds,"
    " revisit_days, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "code");
  bind_member (stmt, 3, p, "name");
  bind_member (stmt, 4, p, "duration_min");
  bind_member (stmt, 5, p, "price_minor");
  bind_member (stmt, 6, p, "vat_rate_bp");
  bind_member (stmt, 7, p, "resource_kinds");
  bind_member (stmt, 8, p, "revisit_days");
  sqlite3_bind_int64 (stmt, 9, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_service_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE services SET name = coalesce (?2, name), duration_min = coalesce (?3, duration_min),"
    " price_minor = coalesce (?4, price_minor), vat_rate_bp = coalesce (?5, vat_rate_bp),"
    " resource_kinds = coalesce (?6, resource_kinds), revisit_days = coalesce (?7, revisit_days),"
    " active = coalesce (?8, active), updated_at = ?9 WHERE service_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "name");
  bind_member (stmt, 3, p, "duration_min");
  bind_member (stmt, 4, p, "price_minor");
  bind_member (stmt, 5, p, "vat_rate_bp");
  bind_member (stmt, 6, p, "resource_kinds");
  bind_member (stmt, 7, p, "revisit_days");
  bind_member (stmt, 8, p, "active");
  sqlite3_bind_int64 (stmt, 9, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ---------------------------------------------------------- customers */

static gboolean
reduce_customer_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  JsonObject *pii = event->pii;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO customers (customer_id, full_name, phone, email, birth_date, city, source, tags,"
    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce (?8, '[]'), ?9, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, pii, "full_name");
  bind_member (stmt, 3, pii, "phone");
  bind_member (stmt, 4, pii, "email");
  bind_member (stmt, 5, pii, "birth_date");
  bind_member (stmt, 6, pii, "city");
  bind_member (stmt, 7, p, "source");
  bind_member (stmt, 8, p, "tags");
  sqlite3_bind_int64 (stmt, 9, event->occurred_at);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;
  return refresh_customer_search (db, event->entity_id, error);
}

static gboolean
reduce_customer_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *pii = event->pii;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE customers SET full_name = coalesce (?2, full_name), phone = coalesce (?3, phone),"
    " email = coalesce (?4, email), birth_date = coalesce (?5, birth_date), city = coalesce (?6, city),"
    " tags = coalesce (?7, tags), updated_at = ?8 WHERE customer_id = ?1 AND erased_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, pii, "full_name");
  bind_member (stmt, 3, pii, "phone");
  bind_member (stmt, 4, pii, "email");
  bind_member (stmt, 5, pii, "birth_date");
  bind_member (stmt, 6, pii, "city");
  bind_member (stmt, 7, event->payload, "tags");
  sqlite3_bind_int64 (stmt, 8, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error) || !require_changed (db, event, error))
    return FALSE;
  return refresh_customer_search (db, event->entity_id, error);
}

static gboolean
reduce_customer_erased (AhiDb *db, const AhiEvent *event, GError **error)
{
  static const char * const erase[] = {
    "DELETE FROM event_pii WHERE subject_id = ?1",
    "UPDATE notes SET text = NULL WHERE customer_id = ?1",
    "UPDATE reviews SET comment = NULL WHERE customer_id = ?1",
    "UPDATE vehicles SET plate = NULL WHERE customer_id = ?1",
  };
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE customers SET full_name = NULL, phone = NULL, email = NULL, birth_date = NULL, city = NULL,"
    " tags = '[]', erased_at = ?2, updated_at = ?2 WHERE customer_id = ?1 AND erased_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  if (!ahi_db_step_done (db, stmt, error) || !require_changed (db, event, error))
    return FALSE;

  /* The log keeps what happened; the person's data goes. */
  for (guint i = 0; i < G_N_ELEMENTS (erase); i++)
    {
      stmt = ahi_db_prepare (db, erase[i], error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      if (!ahi_db_step_done (db, stmt, error))
        return FALSE;
    }
  return refresh_customer_search (db, event->entity_id, error);
}

/* ----------------------------------------------------------- vehicles */

static gboolean
reduce_vehicle_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO vehicles (vehicle_id, customer_id, plate, make, model, year, km, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, event->pii, "plate");
  bind_member (stmt, 4, p, "make");
  bind_member (stmt, 5, p, "model");
  bind_member (stmt, 6, p, "year");
  bind_member (stmt, 7, p, "km");
  sqlite3_bind_int64 (stmt, 8, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

static gboolean
reduce_vehicle_updated (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE vehicles SET plate = coalesce (?2, plate), make = coalesce (?3, make), model = coalesce (?4, model),"
    " year = coalesce (?5, year), km = coalesce (?6, km), updated_at = ?7 WHERE vehicle_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, event->pii, "plate");
  bind_member (stmt, 3, p, "make");
  bind_member (stmt, 4, p, "model");
  bind_member (stmt, 5, p, "year");
  bind_member (stmt, 6, p, "km");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ---------------------------------------------------- treatment plans */

static gboolean
reduce_treatment_plan_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  JsonArray *steps = json_object_get_array_member (p, "steps");
  sqlite3_stmt *stmt;

  if (!require_customer (db, event, member_string (p, "customer_id"), error))
    return FALSE;
  stmt = ahi_db_prepare (db,
    "INSERT INTO treatment_plans (plan_id, customer_id, title, total_steps, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "customer_id");
  bind_member (stmt, 3, p, "title");
  sqlite3_bind_int (stmt, 4, json_array_get_length (steps));
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  if (!insert_entity (db, event, stmt, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      stmt = ahi_db_prepare (db,
        "INSERT INTO treatment_plan_steps (plan_id, step_id, position, label, service_id) VALUES (?, ?, ?, ?, ?)",
        error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      bind_member (stmt, 2, step, "step_id");
      sqlite3_bind_int (stmt, 3, i);
      bind_member (stmt, 4, step, "label");
      bind_member (stmt, 5, step, "service_id");
      if (!insert_entity (db, event, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
reduce_treatment_plan_step_done (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE treatment_plan_steps SET done_at = ?3, appointment_id = ?4"
    " WHERE plan_id = ?1 AND step_id = ?2 AND done_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, p, "step_id");
  sqlite3_bind_int64 (stmt, 3, event->occurred_at);
  bind_member (stmt, 4, p, "appointment_id");
  if (!ahi_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (ahi_db_get_handle (db)) == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%s: step %s of plan %s is unknown or done already",
                   event->type, member_string (p, "step_id"), event->entity_id);
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
    "UPDATE treatment_plans SET done_steps = done_steps + 1, updated_at = ?2 WHERE plan_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  sqlite3_bind_int64 (stmt, 2, event->occurred_at);
  return ahi_db_step_done (db, stmt, error);
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

  for (guint r = 0; resources != NULL && r < json_array_get_length (resources); r++)
    {
      const char *resource_id = json_array_get_string_element (resources, r);

      if (!require_reference (db, event, "resource", RESOURCE_SQL, resource_id, error))
        return FALSE;
      stmt = ahi_db_prepare (db,
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

static gboolean
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

static gboolean
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
  window_min = ahi_db_query_int (db, "SELECT late_cancel_window_min FROM tenant_settings", 1440, error);
  if (window_min < 0)
    return FALSE;

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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
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

static gboolean
reduce_revenue_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  gint64 amount = json_object_get_int_member (p, "amount_minor");
  gint rate = json_object_get_int_member (p, "vat_rate_bp");
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
  return insert_entity (db, event, stmt, error);
}

/* --------------------------------------------------------- automation */

static gboolean
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

/* ------------------------------------------------------------ dispatch */

static const struct {
  const char *type;
  ReduceFunc  reduce;
} reducers[] = {
  { "tenant.created", reduce_tenant_created },
  { "tenant.settings.updated", reduce_tenant_settings_updated },
  { "blueprint.updated", reduce_blueprint_updated },
  { "compliance.profile.updated", reduce_compliance_profile_updated },
  { "automation.rule.set", reduce_automation_rule_set },
  { "business.closure.added", reduce_closure_added },
  { "business.closure.removed", reduce_closure_removed },
  { "resource.created", reduce_resource_created },
  { "resource.updated", reduce_resource_updated },
  { "resource.deleted", reduce_resource_deleted },
  { "staff.created", reduce_staff_created },
  { "staff.updated", reduce_staff_updated },
  { "staff.hours.set", reduce_staff_hours_set },
  { "staff.absence.added", reduce_staff_absence_added },
  { "staff.absence.removed", reduce_staff_absence_removed },
  { "service.created", reduce_service_created },
  { "service.updated", reduce_service_updated },
  { "customer.created", reduce_customer_created },
  { "customer.updated", reduce_customer_updated },
  { "customer.erased", reduce_customer_erased },
  { "vehicle.created", reduce_vehicle_created },
  { "vehicle.updated", reduce_vehicle_updated },
  { "treatment_plan.created", reduce_treatment_plan_created },
  { "treatment_plan.step.done", reduce_treatment_plan_step_done },
  { "appointment.created", reduce_appointment_created },
  { "appointment.cancelled", reduce_appointment_cancelled },
  { "appointment.status.updated", reduce_appointment_status_updated },
  { "crm.note.created", reduce_note_created },
  { "reminder.created", reduce_reminder_created },
  { "reminder.sent", reduce_reminder_sent },
  { "reminder.completed", reduce_reminder_completed },
  { "review.received", reduce_review_received },
  { "ops.alert.raised", reduce_ops_alert_raised },
  { "ops.alert.resolved", reduce_ops_alert_resolved },
  { "waitlist.entry.added", reduce_waitlist_added },
  { "waitlist.entry.removed", reduce_waitlist_removed },
  { "consent.given", reduce_consent_given },
  { "consent.withdrawn", reduce_consent_withdrawn },
  { "consent.iys.updated", reduce_consent_iys_updated },
  { "revenue.event.created", reduce_revenue_created },
  { "automation.reactivation.queued", reduce_reactivation_queued },
};

static ReduceFunc
find_reducer (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (reducers); i++)
    if (g_str_equal (reducers[i].type, type))
      return reducers[i].reduce;
  return NULL;
}

gboolean
ahi_reducer_apply (AhiDb           *db,
                   const AhiEvent  *event,
                   GError         **error)
{
  ReduceFunc reduce;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  reduce = find_reducer (event->type);
  if (reduce == NULL)
    {
      /* The catalogue and this table must list the same types; a test
       * checks it, so this is a programming error. */
      g_critical ("No reducer for event type %s", event->type);
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "No reducer for event type %s", event->type);
      return FALSE;
    }
  return reduce (db, event, error);
}

char *
ahi_reducer_pii_subject (AhiDb           *db,
                         const AhiEvent  *event,
                         GError         **error)
{
  const char *customer_id;

  if (event->pii == NULL)
    return NULL;

  if (g_str_equal (event->entity, "customer"))
    return g_strdup (event->entity_id);

  customer_id = member_string (event->payload, "customer_id");
  if (customer_id != NULL)
    return g_strdup (customer_id);

  if (g_str_equal (event->type, "vehicle.updated"))
    {
      sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT customer_id FROM vehicles WHERE vehicle_id = ?", error);
      g_autoptr(GError) local_error = NULL;
      char *owner = NULL;

      if (stmt == NULL)
        return NULL;
      ahi_db_bind_text (stmt, 1, event->entity_id);
      if (ahi_db_step_row (db, stmt, &local_error))
        {
          owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (owner == NULL)
        g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                     "%s: no vehicle with id %s", event->type, event->entity_id);
      return owner;
    }

  /* A review without a known customer: its comment is about nobody we
   * hold, so it is keyed by the review itself. */
  return g_strdup (event->entity_id);
}
