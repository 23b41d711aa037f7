/* ahi-desk-status.c — what the app's header and title tell at a glance */
#include "store/query/ahi-desk-status.h"

#include "store/ahi-store-error.h"

void
ahi_desk_status_free (AhiDeskStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->name);
  g_free (status->sector);
  g_free (status->tenant_id);
  g_free (status);
}

static gboolean
read_status (AhiStore       *store,
             AhiDeskStatus  *status,
             GError        **error)
{
  AhiDb *db = ahi_store_get_db (store);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT tenant_id, name, sector FROM tenant_settings", error);
  if (stmt == NULL)
    return FALSE;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      status->tenant_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      status->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      status->sector = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status->tenant_id == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "No business in this database yet");
      return FALSE;
    }

  /* This device numbers its events 1, 2, 3… without gaps (ahi-store.c),
   * and the app's log never learns a server_seq for them (the log is
   * append-only): until the sync outbox exists, every event this device
   * wrote is waiting, and their number is the highest device_seq — one
   * step down the (device_id, device_seq) index instead of a count over
   * the whole log. */
  stmt = ahi_db_prepare (db,
    "SELECT coalesce(max(device_seq), 0) FROM tenant_event_logs WHERE device_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ahi_store_get_device_id (store), -1, SQLITE_TRANSIENT);
  if (ahi_db_step_row (db, stmt, &local_error))
    status->pending_events = (guint64) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  status->open_alerts = (guint64) ahi_db_query_int (db, "SELECT count(*) FROM ops_alerts WHERE resolved_at IS NULL",
                                                    0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

AhiDeskStatus *
ahi_desk_status_read (AhiStore  *store,
                      GError   **error)
{
  g_autoptr(AhiDeskStatus) status = g_new0 (AhiDeskStatus, 1);
  AhiDb *db;
  gboolean owned = FALSE, ok;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);

  db = ahi_store_get_db (store);
  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  ok = read_status (store, status, error);
  ahi_db_snapshot_end (db, owned);
  return ok ? g_steal_pointer (&status) : NULL;
}

gboolean
ahi_desk_change_sector (AhiStore    *store,
                        const char  *sector,
                        const char  *actor_user_id,
                        const char  *actor_role,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(AhiDeskStatus) status = NULL;
  g_autoptr(AhiEvent) event = NULL;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (sector != NULL, FALSE);

  status = ahi_desk_status_read (store, error);
  if (status == NULL)
    return FALSE;
  if (g_strcmp0 (status->sector, sector) == 0)
    return TRUE;

  event = ahi_store_new_event (store, "blueprint.updated", status->tenant_id, actor_user_id, actor_role, now);
  json_object_set_string_member (event->payload, "sector", sector);
  return ahi_store_append (store, event, NULL, error);
}
