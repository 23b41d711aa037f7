/* ahi-reducer-helpers.c — binding and checking helpers of the reducer */
#include "store/ahi-reducer-private.h"

#include "core/ahi-fold.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"


const char *
member_string (JsonObject *object,
               const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

gint64
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

int
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
char *
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
void
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

void
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
gboolean
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

gboolean
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


gboolean
require_customer (AhiDb *db, const AhiEvent *event, const char *id, GError **error)
{
  return require_reference (db, event, "customer", CUSTOMER_SQL, id, error);
}

/* Inserts a new entity row; a second create of the same id is a conflict
 * rather than a silent overwrite. */
gboolean
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

gboolean
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
gboolean
refresh_customer_visits (AhiDb       *db,
                         const char  *customer_id,
                         GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "UPDATE customers SET"
    " completed_visits = (SELECT count(*) FROM appointments WHERE customer_id = ?1 AND status = 'completed'),"
    " completed_minor = (SELECT coalesce (sum (total_minor), 0) FROM appointments"
    "                    WHERE customer_id = ?1 AND status = 'completed'),"
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

