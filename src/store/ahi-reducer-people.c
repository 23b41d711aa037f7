/* ahi-reducer-people.c — customers, their vehicles and treatment plans */
#include "store/ahi-reducer-private.h"


/* ---------------------------------------------------------- customers */

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

gboolean
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

