/* ahi-event-log.c — the append-only event log and its personal-data table */
#include "store/ahi-event-log.h"

#include "store/ahi-store-error.h"
#include "core/ahi-core-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

gboolean
ahi_event_log_contains (AhiDb       *db,
                        const char  *event_id,
                        gboolean    *out_contains,
                        GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT 1 FROM tenant_event_logs WHERE event_id = ?", error);
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, event_id);
  *out_contains = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gint64
ahi_event_log_append (AhiDb           *db,
                      const AhiEvent  *event,
                      const char      *subject_id,
                      GError         **error)
{
  g_autofree char *payload = ahi_event_encode_member (event, FALSE);
  g_autofree char *pii = ahi_event_encode_member (event, TRUE);
  gboolean has_pii = pii != NULL;
  sqlite3_stmt *stmt;
  gint64 seq;

  /* The bound ahi_event_validate() puts on a whole encoded event, from
   * the two members encoded here anyway (the envelope around them is
   * bounded by construction). */
  if (strlen (payload) + (pii != NULL ? strlen (pii) : 0) + AHI_EVENT_MAX_ENVELOPE_BYTES > AHI_EVENT_MAX_BYTES)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE,
                   "event: payload and pii encode to more than %d bytes with the envelope",
                   AHI_EVENT_MAX_BYTES);
      return 0;
    }

  stmt = ahi_db_prepare (db,
                         "INSERT INTO tenant_event_logs (event_id, tenant_id, device_id, device_seq, type,"
                         " entity, entity_id, actor_user_id, actor_role, occurred_at, payload, has_pii,"
                         " server_seq, received_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                         error);
  if (stmt == NULL)
    return 0;

  ahi_db_bind_text (stmt, 1, event->event_id);
  ahi_db_bind_text (stmt, 2, event->tenant_id);
  ahi_db_bind_text (stmt, 3, event->device_id);
  sqlite3_bind_int64 (stmt, 4, event->device_seq);
  ahi_db_bind_text (stmt, 5, event->type);
  ahi_db_bind_text (stmt, 6, event->entity);
  ahi_db_bind_text (stmt, 7, event->entity_id);
  ahi_db_bind_text (stmt, 8, event->actor_user_id);
  ahi_db_bind_text (stmt, 9, event->actor_role);
  sqlite3_bind_int64 (stmt, 10, event->occurred_at);
  ahi_db_bind_text (stmt, 11, payload);
  sqlite3_bind_int (stmt, 12, has_pii);
  if (event->server_seq > 0)
    sqlite3_bind_int64 (stmt, 13, event->server_seq);
  if (event->received_at > 0)
    sqlite3_bind_int64 (stmt, 14, event->received_at);

  if (!ahi_db_step_done (db, stmt, error))
    {
      if ((sqlite3_extended_errcode (ahi_db_get_handle (db)) & 0xff) == SQLITE_CONSTRAINT)
        {
          g_clear_error (error);
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT,
                       "Device %s already sent an event with sequence %" G_GINT64_FORMAT,
                       event->device_id, event->device_seq);
        }
      return 0;
    }
  seq = sqlite3_last_insert_rowid (ahi_db_get_handle (db));

  if (has_pii)
    {
      g_return_val_if_fail (subject_id != NULL, 0);
      stmt = ahi_db_prepare (db, "INSERT INTO event_pii (event_id, subject_id, pii) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return 0;
      ahi_db_bind_text (stmt, 1, event->event_id);
      ahi_db_bind_text (stmt, 2, subject_id);
      ahi_db_bind_text (stmt, 3, pii);
      if (!ahi_db_step_done (db, stmt, error))
        return 0;
    }

  return seq;
}

static JsonObject *
parse_object (const char  *text,
              GError     **error)
{
  g_autoptr(JsonNode) node = ahi_json_strict_parse (text, -1, AHI_EVENT_MAX_BYTES, error);

  if (node == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

#define SELECT_EVENTS \
  "SELECT l.event_id, l.tenant_id, l.device_id, l.device_seq, l.type, l.entity," \
  " l.entity_id, l.actor_user_id, l.actor_role, l.occurred_at, l.payload," \
  " p.pii, l.server_seq, l.received_at, l.seq" \
  " FROM tenant_event_logs l LEFT JOIN event_pii p ON p.event_id = l.event_id"

/* The event of the statement's current row (SELECT_EVENTS), added to
 * events; FALSE when its stored JSON does not parse. */
static gboolean
add_event_of_row (sqlite3_stmt  *stmt,
                  GPtrArray     *events,
                  GError       **error)
{
  AhiEvent *event = ahi_event_new ((const char *) sqlite3_column_text (stmt, 4),
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   (const char *) sqlite3_column_text (stmt, 6),
                                   (const char *) sqlite3_column_text (stmt, 2),
                                   sqlite3_column_int64 (stmt, 3),
                                   (const char *) sqlite3_column_text (stmt, 7),
                                   (const char *) sqlite3_column_text (stmt, 8),
                                   sqlite3_column_int64 (stmt, 9));
  JsonObject *payload;

  g_ptr_array_add (events, event);
  g_free (event->event_id);
  event->event_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_free (event->entity);
  event->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  event->server_seq = sqlite3_column_int64 (stmt, 12);
  event->received_at = sqlite3_column_int64 (stmt, 13);

  payload = parse_object ((const char *) sqlite3_column_text (stmt, 10), error);
  if (payload == NULL)
    return FALSE;
  json_object_unref (event->payload);
  event->payload = payload;

  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    {
      event->pii = parse_object ((const char *) sqlite3_column_text (stmt, 11), error);
      if (event->pii == NULL)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
ahi_event_log_read (AhiDb   *db,
                    gint64   after_seq,
                    guint    limit,
                    gint64  *out_last_seq,
                    GError **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GError) local_error = NULL;
  gint64 last_seq = after_seq;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, SELECT_EVENTS " WHERE l.seq > ? ORDER BY l.seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, limit);

  while (ahi_db_step_row (db, stmt, &local_error))
    {
      last_seq = sqlite3_column_int64 (stmt, 14);
      if (!add_event_of_row (stmt, events, &local_error))
        break;
    }
  sqlite3_reset (stmt);

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Reading the event log: ");
      return NULL;
    }
  if (out_last_seq != NULL)
    *out_last_seq = last_seq;
  return g_steal_pointer (&events);
}

AhiEvent *
ahi_event_log_get (AhiDb       *db,
                   const char  *event_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, SELECT_EVENTS " WHERE l.event_id = ?", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, event_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      add_event_of_row (stmt, events, &local_error);
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Reading the event log: ");
      return NULL;
    }
  if (events->len == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No event %s in the log", event_id);
      return NULL;
    }
  return g_ptr_array_steal_index (events, 0);
}

gint64
ahi_event_log_last_seq (AhiDb   *db,
                        GError **error)
{
  return ahi_db_query_int (db, "SELECT max(seq) FROM tenant_event_logs", 0, error);
}
