/* ahi-sync-server.c — the server's side of sync push and pull */
#include "store/sync/ahi-sync-server.h"
#include "store/sync/ahi-sync-rights.h"

#include <string.h>

#include "store/ahi-event-log.h"
#include "store/engine/ahi-booking-check.h"
#include "store/ahi-store-error.h"
#include "core/ahi-access.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"

/* ------------------------------------------------------------- helpers */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The machine-readable code of a permanent rejection, or NULL when the
 * error is transient (SQLite, or anything that is not about the event). */
static const char *
rejection_code (const GError *error)
{
  if (error->domain == AHI_CORE_ERROR)
    return error->code == AHI_CORE_ERROR_FORBIDDEN ? "forbidden" : "invalid_event";
  if (error->domain != AHI_STORE_ERROR)
    return NULL;

  switch ((AhiStoreError) error->code)
    {
    case AHI_STORE_ERROR_WRONG_TENANT:
      return "wrong_tenant";
    case AHI_STORE_ERROR_NOT_FOUND:
      return "not_found";
    case AHI_STORE_ERROR_CONFLICT:
      return "conflict";
    case AHI_STORE_ERROR_INVALID_REFERENCE:
      return "invalid_reference";
    case AHI_STORE_ERROR_INVALID_STATE:
      return "invalid_state";
    case AHI_STORE_ERROR_RESOURCE_BUSY:
      return "resource_busy";
    case AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS:
      return "outside_opening_hours";
    case AHI_STORE_ERROR_STAFF_UNAVAILABLE:
      return "staff_unavailable";
    case AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE:
      return "resource_out_of_service";
    case AHI_STORE_ERROR_SQLITE:
    case AHI_STORE_ERROR_SCHEMA_TOO_NEW:
    case AHI_STORE_ERROR_NOT_A_DATABASE:
    default:
      return NULL;
    }
}

static gint64
read_last_seq (AhiDb       *db,
               const char  *device_id,
               GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT last_seq FROM sync_devices WHERE device_id = ?", error);
  g_autoptr(GError) local_error = NULL;
  gint64 last = 0;

  if (stmt == NULL)
    return -1;
  ahi_db_bind_text (stmt, 1, device_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  return last;
}

static JsonObject *
answer_from_row (sqlite3_stmt *stmt)
{
  JsonObject *answer = json_object_new ();

  json_object_set_int_member (answer, "device_seq", sqlite3_column_int64 (stmt, 0));
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    json_object_set_string_member (answer, "event_id", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (answer, "status", (const char *) sqlite3_column_text (stmt, 2));
  if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    json_object_set_string_member (answer, "code", (const char *) sqlite3_column_text (stmt, 3));
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    json_object_set_string_member (answer, "message", (const char *) sqlite3_column_text (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    json_object_set_string_member (answer, "conflict_id", (const char *) sqlite3_column_text (stmt, 5));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    json_object_set_int_member (answer, "server_seq", sqlite3_column_int64 (stmt, 6));
  return answer;
}

#define ANSWER_COLUMNS "device_seq, event_id, status, code, message, conflict_id, server_seq"

/* The stored answer to (device_id, device_seq); every processed seq has
 * one, written with the change of last_seq that made it processed. */
static JsonObject *
load_answer (AhiDb       *db,
             const char  *device_id,
             gint64       device_seq,
             GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
                                       "SELECT " ANSWER_COLUMNS " FROM sync_answers"
                                       " WHERE device_id = ? AND device_seq = ?",
                                       error);
  g_autoptr(GError) local_error = NULL;
  JsonObject *answer = NULL;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, device_id);
  sqlite3_bind_int64 (stmt, 2, device_seq);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      answer = answer_from_row (stmt);
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (answer == NULL)
    g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SQLITE,
                 "No stored answer for device %s, seq %" G_GINT64_FORMAT, device_id, device_seq);
  return answer;
}

static gboolean
ensure_device (AhiDb       *db,
               const char  *device_id,
               GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "INSERT OR IGNORE INTO sync_devices (device_id, last_seq) VALUES (?, 0)",
                                       error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, device_id);
  return ahi_db_step_done (db, stmt, error);
}

/* Records a rejection and advances last, in a transaction of its own: the
 * append it answers (if any) rolled back. */
static gboolean
record_rejection (AhiDb       *db,
                  const char  *device_id,
                  gint64       device_seq,
                  const char  *event_id,
                  const char  *code,
                  const char  *message,
                  const char  *conflict_id,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!ahi_db_begin (db, error))
    return FALSE;

  stmt = ahi_db_prepare (db,
                         "INSERT INTO sync_answers (device_id, device_seq, event_id, status, code, message, conflict_id)"
                         " VALUES (?, ?, ?, 'rejected', ?, ?, ?)",
                         error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, device_id);
  sqlite3_bind_int64 (stmt, 2, device_seq);
  ahi_db_bind_text (stmt, 3, event_id);
  ahi_db_bind_text (stmt, 4, code);
  ahi_db_bind_text (stmt, 5, message);
  ahi_db_bind_text (stmt, 6, conflict_id);
  if (!ahi_db_step_done (db, stmt, error))
    goto fail;

  stmt = ahi_db_prepare (db, "UPDATE sync_devices SET last_seq = ? WHERE device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, device_seq);
  ahi_db_bind_text (stmt, 2, device_id);
  if (!ahi_db_step_done (db, stmt, error) || !ahi_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (db);
  return FALSE;
}

/* Why the server refuses this event before trying it, or NULL (with error
 * set when the check itself failed: a transient failure).
 *
 * The actor: who acts is resolved by the caller (the server knows the
 * memberships and which devices are desks), and the role it finds is the
 * one the event must claim and the one the write table judges. */
static char *
precheck (AhiStore             *store,
          const char           *device_id,
          const AhiSyncActors  *actors,
          const AhiSyncItem    *item,
          const char          **out_code,
          GError              **error)
{
  const AhiEvent *event = item->event;
  g_auto(AhiSyncActor) actor = { 0 };
  g_autoptr(GError) local_error = NULL;
  char *message = NULL;

  if (item->error != NULL)
    {
      *out_code = "invalid_event";
      return g_strdup (item->error->message);
    }
  if (g_strcmp0 (event->device_id, device_id) != 0)
    {
      *out_code = "wrong_device";
      return g_strdup_printf ("Event %s was made by another device", event->event_id);
    }
  if (g_strcmp0 (event->tenant_id, ahi_store_get_tenant_id (store)) != 0)
    {
      *out_code = "wrong_tenant";
      return g_strdup_printf ("Event %s belongs to another business", event->event_id);
    }
  if (g_str_equal (event->actor_role, "system"))
    {
      *out_code = "wrong_actor";
      return g_strdup_printf ("Event %s claims the system actor: only the server makes those", event->event_id);
    }
  if (!actors->resolve (store, event, &actor, out_code, &message, actors->data, error))
    return NULL;
  if (message != NULL)
    return message;
  if (g_strcmp0 (actor.role, event->actor_role) != 0)
    {
      *out_code = "wrong_actor";
      return g_strdup_printf ("Event %s claims the %s role; %s is %s here",
                              event->event_id, event->actor_role, event->actor_user_id, actor.role);
    }
  /* The same check every append on the server makes, answered here so
   * that a refusal gets its own code. */
  if (!ahi_sync_check_rights (store, event, actors->people, &local_error))
    {
      if (!g_error_matches (local_error, AHI_CORE_ERROR, AHI_CORE_ERROR_FORBIDDEN))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      *out_code = "forbidden";
      return g_strdup (local_error->message);
    }
  return NULL;
}

/* Processes the next expected item: appends it (the trigger of
 * 004-sync-server.sql stores the answer in the append's transaction) or
 * records why not. */
static JsonObject *
process_next (AhiStore             *store,
              const char           *device_id,
              const AhiSyncActors  *actors,
              AhiSyncItem          *item,
              GError              **error)
{
  AhiDb *db = ahi_store_get_db (store);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *conflict_id = NULL;
  const char *code = NULL;
  AhiBookingActor actor = { NULL, 0 };
  guint applied = 0;

  message = precheck (store, device_id, actors, item, &code, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (message == NULL)
    {
      AhiEvent *event = item->event;
      gint64 log_last = ahi_event_log_last_seq (db, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* The server numbers the log; what the device said is not kept. One
       * thread writes this database, so the next row is log_last + 1. */
      event->server_seq = log_last + 1;
      event->received_at = now_seconds ();

      g_ptr_array_add (one, event);
      /* A booking is judged as the REST route judges it, in the append's
       * transaction, by the actor's role at the server's time. The role
       * is the event's claim for now; once the server looks the actor's
       * role up (issue 9 §1), that role goes here instead. */
      actor.role = event->actor_role;
      actor.now = event->received_at;
      if (ahi_store_append_all_checked (store, one, ahi_booking_store_check, &actor, &applied, &local_error))
        {
          if (applied == 1)
            return load_answer (db, device_id, item->device_seq, error);
          /* The log holds this event id under another number already. */
          code = "conflict";
          message = g_strdup_printf ("Event %s is in the log already", event->event_id);
        }
      else
        {
          code = rejection_code (local_error);
          if (code == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          message = g_strdup (local_error->message);
          conflict_id = ahi_sync_error_conflict_id (local_error);
        }
    }

  if (!record_rejection (db, device_id, item->device_seq, item->event_id, code, message, conflict_id, error))
    return NULL;
  return load_answer (db, device_id, item->device_seq, error);
}

/* ----------------------------------------------------------- the actor */

void
ahi_sync_actor_clear (AhiSyncActor *actor)
{
  g_clear_pointer (&actor->role, g_free);
}

gboolean
ahi_sync_staff_role (AhiStore    *store,
                     const char  *staff_id,
                     char       **out_role,
                     GError     **error)
{
  AhiDb *db = ahi_store_get_db (store);
  sqlite3_stmt *stmt;
  g_autoptr(GError) local_error = NULL;

  *out_role = NULL;
  if (staff_id == NULL)
    return TRUE;
  /* Any staff row counts, active or not: an event made offline before
   * someone left is still theirs. */
  stmt = ahi_db_prepare (db, "SELECT role FROM staff WHERE staff_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, staff_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    *out_role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ahi_db_finish_rows (g_steal_pointer (&local_error), error);
}

gboolean
ahi_sync_resolve_local_actor (AhiStore        *store,
                              const AhiEvent  *event,
                              AhiSyncActor    *out_actor,
                              const char     **out_code,
                              char           **out_message,
                              gpointer         data,
                              GError         **error)
{
  const AhiSyncLocalActors *local = data;
  g_autofree char *role = NULL;

  if (g_strcmp0 (event->actor_user_id, local->user_id) == 0)
    {
      out_actor->role = g_strdup (local->role);
      return TRUE;
    }
  if (!ahi_sync_staff_role (store, event->actor_user_id, &role, error))
    return FALSE;
  if (role == NULL)
    {
      *out_code = "wrong_actor";
      *out_message = g_strdup_printf ("Event %s is acted by %s, who is neither the signed-in user nor a staff member",
                                      event->event_id, event->actor_user_id);
      return TRUE;
    }
  out_actor->role = g_steal_pointer (&role);
  return TRUE;
}

/* Whether a stored answer is for the event item carries (its event id,
 * when the item has a readable one). */
static gboolean
same_event (JsonObject        *answer,
            const AhiSyncItem *item)
{
  const char *stored = json_object_get_string_member_with_default (answer, "event_id", NULL);

  return item->event_id == NULL || stored == NULL || g_str_equal (stored, item->event_id);
}

static JsonObject *
seq_reused_answer (const AhiSyncItem *item)
{
  JsonObject *answer = json_object_new ();

  json_object_set_int_member (answer, "device_seq", item->device_seq);
  json_object_set_string_member (answer, "event_id", item->event_id);
  json_object_set_string_member (answer, "status", "rejected");
  json_object_set_string_member (answer, "code", "seq_reused");
  json_object_set_string_member (answer, "message",
                                 "This device has sent another event under this device_seq: the device's numbering "
                                 "went back (a restored backup?)");
  return answer;
}

/* ------------------------------------------------------------ the item */

AhiSyncItem *
ahi_sync_item_new_from_node (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(AhiSyncItem) item = NULL;
  JsonObject *object;
  JsonNode *member;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "events: every event must be an object");
      return NULL;
    }
  object = json_node_get_object (node);
  member = json_object_get_member (object, "device_seq");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 1)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE,
                   "events: every event needs an integer device_seq of 1 or more");
      return NULL;
    }

  item = g_new0 (AhiSyncItem, 1);
  item->device_seq = json_node_get_int (member);
  member = json_object_get_member (object, "event_id");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING &&
      ahi_id_is_valid (json_node_get_string (member)))
    item->event_id = g_strdup (json_node_get_string (member));
  item->event = ahi_event_from_node (node, &item->error);
  return g_steal_pointer (&item);
}

AhiSyncItem *
ahi_sync_item_new_for_event (AhiEvent *event)
{
  AhiSyncItem *item;

  g_return_val_if_fail (event != NULL, NULL);

  item = g_new0 (AhiSyncItem, 1);
  item->device_seq = event->device_seq;
  item->event_id = g_strdup (event->event_id);
  item->event = event;
  return item;
}

void
ahi_sync_item_free (AhiSyncItem *item)
{
  if (item == NULL)
    return;
  g_free (item->event_id);
  g_clear_pointer (&item->event, ahi_event_free);
  g_clear_error (&item->error);
  g_free (item);
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_sync_push_items (AhiStore             *store,
                     const char           *device_id,
                     const AhiSyncActors  *actors,
                     GPtrArray            *items,
                     JsonArray           **out_answers,
                     gint64               *out_expected_seq,
                     GError              **error)
{
  AhiDb *db;
  g_autoptr(JsonArray) answers = json_array_new ();
  gint64 last;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  g_return_val_if_fail (actors != NULL && actors->resolve != NULL, FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (out_answers != NULL, FALSE);
  g_return_val_if_fail (out_expected_seq != NULL, FALSE);

  db = ahi_store_get_db (store);
  *out_answers = NULL;
  *out_expected_seq = 0;

  if (!ensure_device (db, device_id, error))
    return FALSE;
  last = read_last_seq (db, device_id, error);
  if (last < 0)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      AhiSyncItem *item = g_ptr_array_index (items, i);
      JsonObject *answer;

      g_assert (item->device_seq >= 1);

      if (item->device_seq > last + 1)
        {
          *out_expected_seq = last + 1;
          break;
        }
      if (item->device_seq <= last)
        {
          answer = load_answer (db, device_id, item->device_seq, error);
          if (answer != NULL && !same_event (answer, item))
            {
              /* Another event under a number this device has used: not a
               * retry, and answering the first one's answer would tell
               * the device its event was applied. Nothing is stored. */
              json_object_unref (answer);
              answer = seq_reused_answer (item);
            }
        }
      else
        answer = process_next (store, device_id, actors, item, error);
      if (answer == NULL)
        return FALSE;
      json_array_add_object_element (answers, answer);
      last = MAX (last, item->device_seq);
    }

  *out_answers = g_steal_pointer (&answers);
  return TRUE;
}

gboolean
ahi_sync_push (AhiStore             *store,
               const char           *device_id,
               const AhiSyncActors  *actors,
               GPtrArray            *events,
               JsonArray           **out_answers,
               gint64               *out_expected_seq,
               GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (events != NULL, FALSE);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_sync_item_free);
  for (guint i = 0; i < events->len; i++)
    {
      const AhiEvent *event = g_ptr_array_index (events, i);

      g_return_val_if_fail (event->device_seq >= 1, FALSE);
      g_ptr_array_add (items, ahi_sync_item_new_for_event (ahi_event_copy (event)));
    }
  return ahi_sync_push_items (store, device_id, actors, items, out_answers, out_expected_seq, error);
}

/* The page's log seqs, in order: ahi_event_log_read reads the events, this
 * the position of each, in the same snapshot. */
static GArray *
read_seqs (AhiDb    *db,
           gint64    after,
           guint     limit,
           GError  **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT seq FROM tenant_event_logs WHERE seq > ? ORDER BY seq LIMIT ?",
                                       error);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, limit);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (seqs, seq);
    }
  sqlite3_reset (stmt);
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&seqs);
}

static JsonArray *
read_answers (AhiDb       *db,
              const char  *device_id,
              gint64       after,
              gint64       cursor,
              GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
                                       "SELECT " ANSWER_COLUMNS " FROM sync_answers WHERE device_id = ?1"
                                       " AND ((status = 'rejected' AND device_seq >"
                                       "       coalesce ((SELECT acked_seq FROM sync_devices WHERE device_id = ?1), 0))"
                                       "      OR (server_seq > ?2 AND server_seq <= ?3))"
                                       " ORDER BY device_seq",
                                       error);
  g_autoptr(JsonArray) answers = json_array_new ();
  g_autoptr(GError) local_error = NULL;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, device_id);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, cursor);
  while (ahi_db_step_row (db, stmt, &local_error))
    json_array_add_object_element (answers, answer_from_row (stmt));
  sqlite3_reset (stmt);
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&answers);
}

static gboolean
is_health_note (const AhiEvent *event)
{
  return g_str_equal (event->type, "crm.note.created") &&
         g_strcmp0 (json_object_get_string_member_with_default (event->payload, "kind", NULL), "health") == 0;
}

/* Leaves a staff member's PIN hash out of event (a device that is no desk
 * never receives one: 4–6 digits fall to offline guessing). FALSE when
 * nothing else is left of the event (a PIN-only change): the page leaves
 * it out and the cursor moves past it, as for a health note. */
static gboolean
without_pin_hash (AhiEvent *event)
{
  if (event->pii == NULL || !g_str_has_prefix (event->type, "staff.") ||
      !json_object_has_member (event->pii, "pin_hash"))
    return TRUE;
  json_object_remove_member (event->pii, "pin_hash");
  return json_object_get_size (event->pii) > 0 || json_object_get_size (event->payload) > 0;
}

JsonObject *
ahi_sync_pull (AhiStore    *store,
               const char  *device_id,
               gint64       after,
               guint        limit,
               gboolean     health_notes,
               gboolean     pin_hashes,
               GError     **error)
{
  AhiDb *db;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) seqs = NULL;
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *page = NULL;
  JsonArray *encoded;
  gint64 cursor = after;
  gint64 log_last = 0;
  gint64 device_last = 0;
  gboolean owned = FALSE;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);
  g_return_val_if_fail (device_id != NULL, NULL);
  g_return_val_if_fail (after >= 0, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  db = ahi_store_get_db (store);
  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;

  events = ahi_event_log_read (db, after, limit, &cursor, &local_error);
  if (events != NULL)
    seqs = read_seqs (db, after, limit, &local_error);
  if (seqs != NULL)
    log_last = ahi_event_log_last_seq (db, &local_error);
  if (local_error == NULL)
    device_last = read_last_seq (db, device_id, &local_error);
  if (local_error == NULL)
    answers = read_answers (db, device_id, after, cursor, &local_error);
  ahi_db_snapshot_end (db, owned);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_assert (seqs->len == events->len);

  encoded = json_array_new ();
  for (guint i = 0; i < events->len; i++)
    {
      AhiEvent *event = g_ptr_array_index (events, i);

      if (!health_notes && is_health_note (event))
        continue;
      if (!pin_hashes && !without_pin_hash (event))
        continue;
      event->server_seq = g_array_index (seqs, gint64, i);
      /* Events the server wrote itself (sign-up's bootstrap) were received
       * when they occurred. */
      if (event->received_at == 0)
        event->received_at = event->occurred_at;
      json_array_add_element (encoded, ahi_event_to_node (event));
    }

  page = json_object_new ();
  json_object_set_array_member (page, "events", encoded);
  json_object_set_boolean_member (page, "has_more", cursor < log_last);
  json_object_set_int_member (page, "cursor", cursor);
  json_object_set_int_member (page, "last_seq", device_last);
  json_object_set_array_member (page, "answers", g_steal_pointer (&answers));
  return page;
}

GStrv
ahi_sync_page_health_patients (JsonObject *page)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *events;

  g_return_val_if_fail (page != NULL, NULL);

  events = json_object_get_array_member (page, "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *payload = json_object_get_object_member (event, "payload");
      const char *customer_id;

      if (g_strcmp0 (json_object_get_string_member_with_default (event, "type", NULL), "crm.note.created") != 0 ||
          payload == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (payload, "kind", NULL), "health") != 0)
        continue;
      customer_id = json_object_get_string_member_with_default (payload, "customer_id", NULL);
      if (customer_id != NULL && g_hash_table_add (seen, (gpointer) customer_id))
        g_strv_builder_add (builder, customer_id);
    }
  return g_strv_builder_end (builder);
}

gboolean
ahi_sync_ack (AhiStore    *store,
              const char  *device_id,
              gint64       up_to_seq,
              gint64      *out_acked_seq,
              GError     **error)
{
  AhiDb *db;
  sqlite3_stmt *stmt;
  gint64 last;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  g_return_val_if_fail (out_acked_seq != NULL, FALSE);

  db = ahi_store_get_db (store);
  if (!ahi_db_begin (db, error))
    return FALSE;
  last = read_last_seq (db, device_id, error);
  if (last < 0)
    goto fail;
  /* Only answers the server gave can be retired. */
  if (up_to_seq < 0 || up_to_seq > last)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "up_to_seq %" G_GINT64_FORMAT " is beyond the last seq processed for this device (%" G_GINT64_FORMAT ")",
                   up_to_seq, last);
      goto fail;
    }
  /* Retiring never goes back: an old acknowledgement arriving late (a
   * retried request) changes nothing. */
  stmt = ahi_db_prepare (db, "UPDATE sync_devices SET acked_seq = max (acked_seq, ?) WHERE device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, up_to_seq);
  ahi_db_bind_text (stmt, 2, device_id);
  if (!ahi_db_step_done (db, stmt, error))
    goto fail;
  stmt = ahi_db_prepare (db, "SELECT acked_seq FROM sync_devices WHERE device_id = ?", error);
  if (stmt == NULL)
    goto fail;
  ahi_db_bind_text (stmt, 1, device_id);
  *out_acked_seq = 0;
  {
    g_autoptr(GError) local_error = NULL;

    if (ahi_db_step_row (db, stmt, &local_error))
      {
        *out_acked_seq = sqlite3_column_int64 (stmt, 0);
        sqlite3_reset (stmt);
      }
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        goto fail;
      }
  }
  if (!ahi_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (db);
  return FALSE;
}

/* ------------------------------------------------------ double booking */

gboolean
ahi_sync_check_booking (AhiStore        *store,
                        const AhiEvent  *event,
                        gpointer         data,
                        GError         **error)
{
  return ahi_booking_store_check (store, event, NULL, error);
}

char *
ahi_sync_error_conflict_id (const GError *error)
{
  return ahi_booking_error_conflict_id (error);
}
