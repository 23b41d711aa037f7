/* ahi-reducer-business.c — the business: tenant, settings, blueprint, resources, staff, services */
#include "store/ahi-reducer-private.h"

#include "core/ahi-blueprint.h"

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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
reduce_closure_removed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "DELETE FROM business_closures WHERE closure_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ---------------------------------------------------------- resources */

gboolean
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

gboolean
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

gboolean
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

gboolean
reduce_staff_created (AhiDb *db, const AhiEvent *event, GError **error)
{
  JsonObject *p = event->payload;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO staff (staff_id, display_name, role, skills, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, coalesce (?4, '[]'), ?5, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  bind_member (stmt, 2, event->pii, "display_name");
  bind_member (stmt, 3, p, "role");
  bind_member (stmt, 4, p, "skills");
  sqlite3_bind_int64 (stmt, 5, event->occurred_at);
  return insert_entity (db, event, stmt, error);
}

gboolean
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
  bind_member (stmt, 2, event->pii, "display_name");
  bind_member (stmt, 3, p, "role");
  bind_member (stmt, 4, p, "skills");
  bind_member (stmt, 5, p, "active");
  bind_member (stmt, 6, event->pii, "pin_hash");
  sqlite3_bind_int64 (stmt, 7, event->occurred_at);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

gboolean
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

gboolean
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

gboolean
reduce_staff_absence_removed (AhiDb *db, const AhiEvent *event, GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "DELETE FROM staff_absences WHERE absence_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  return ahi_db_step_done (db, stmt, error) && require_changed (db, event, error);
}

/* ----------------------------------------------------------- services */

gboolean
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

gboolean
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

