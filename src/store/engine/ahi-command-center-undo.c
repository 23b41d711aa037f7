/* ahi-command-center-undo.c — taking back what a card's button did
 *
 * The log is never changed: an undo is new events. A button queues
 * messages (reminder.created, a win-back campaign's members with them);
 * taking that back means calling off every one of them that is still
 * waiting to be sent, each with reminder.completed, outcome "cancelled",
 * acted by the one who undoes. A message that reached the customer cannot
 * be called back, so an action with one sent message is refused whole and
 * nothing is written: an undo that half-happened would leave the desk
 * guessing (docs/command-center.md, "Undo").
 */
#include "store/engine/ahi-command-center.h"

#include "store/ahi-store-error.h"

/* What became of one of the action's messages. */
typedef enum {
  MESSAGE_WAITING,     /* queued: can be called off */
  MESSAGE_REACHED,     /* sent (and perhaps completed since): cannot */
  MESSAGE_SETTLED,     /* failed, or closed before it was sent: nothing to call off */
} MessageState;

/* --------------------------------------------------------------- helpers */

static void
add_reminder (GPtrArray  *reminders,
              GHashTable *seen,
              const char *reminder_id)
{
  /* A campaign's members are its reminder.created events too: an undo
   * given both calls each message off once. */
  if (g_hash_table_contains (seen, reminder_id))
    return;
  g_ptr_array_add (reminders, g_strdup (reminder_id));
  g_hash_table_add (seen, g_ptr_array_index (reminders, reminders->len - 1));
}

static gboolean
add_campaign_members (AhiDb       *db,
                      const char  *campaign_id,
                      GPtrArray   *reminders,
                      GHashTable  *seen,
                      GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT reminder_id FROM campaign_members WHERE campaign_id = ? ORDER BY reminder_id", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, campaign_id);
  while (ahi_db_step_row (db, stmt, &local_error))
    add_reminder (reminders, seen, (const char *) sqlite3_column_text (stmt, 0));
  return ahi_db_finish_rows (local_error, error);
}

/* The messages the action's events queued, in the order of its events. */
static GPtrArray *
action_reminders (AhiDb      *db,
                  GPtrArray  *event_ids,
                  GError    **error)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < event_ids->len; i++)
    {
      const char *event_id = g_ptr_array_index (event_ids, i);
      g_autofree char *type = NULL;
      g_autofree char *entity_id = NULL;
      GError *local_error = NULL;
      sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT type, entity_id FROM tenant_event_logs WHERE event_id = ?", error);

      if (stmt == NULL)
        return NULL;
      ahi_db_bind_text (stmt, 1, event_id);
      if (ahi_db_step_row (db, stmt, &local_error))
        {
          type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          sqlite3_reset (stmt);
        }
      if (!ahi_db_finish_rows (local_error, error))
        return NULL;

      if (type == NULL)
        {
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                       "Event %s is not in the log: there is nothing to undo", event_id);
          return NULL;
        }
      if (g_str_equal (type, "reminder.created"))
        add_reminder (reminders, seen, entity_id);
      else if (g_str_equal (type, "automation.reactivation.queued"))
        {
          if (!add_campaign_members (db, entity_id, reminders, seen, error))
            return NULL;
        }
      else
        {
          /* e.g. ops.alert.raised: resolving the alert would say someone
           * dealt with it, which is not what an undo means. */
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                       "A %s event cannot be undone", type);
          return NULL;
        }
    }
  return g_steal_pointer (&reminders);
}

static gboolean
message_state (AhiDb         *db,
               const char    *reminder_id,
               MessageState  *out_state,
               GError       **error)
{
  GError *local_error = NULL;
  gboolean found = FALSE;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT status, sent_at IS NOT NULL FROM reminders WHERE reminder_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, reminder_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 0);
      gboolean sent = sqlite3_column_int (stmt, 1) != 0;

      found = TRUE;
      if (g_strcmp0 (status, "queued") == 0)
        *out_state = MESSAGE_WAITING;
      else if (g_strcmp0 (status, "failed") != 0 && sent)
        *out_state = MESSAGE_REACHED;
      else
        *out_state = MESSAGE_SETTLED;
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (local_error, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                   "Reminder %s does not exist", reminder_id);
      return FALSE;
    }
  return TRUE;
}

/* The reminders to call off (char*), or NULL with the reason the action
 * cannot be undone; reads only. */
static GPtrArray *
plan_undo (AhiDb      *db,
           GPtrArray  *event_ids,
           GError    **error)
{
  g_autoptr(GPtrArray) reminders = action_reminders (db, event_ids, error);
  g_autoptr(GPtrArray) waiting = NULL;
  guint reached = 0;

  if (reminders == NULL)
    return NULL;
  waiting = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < reminders->len; i++)
    {
      const char *reminder_id = g_ptr_array_index (reminders, i);
      MessageState state;

      if (!message_state (db, reminder_id, &state, error))
        return NULL;
      if (state == MESSAGE_WAITING)
        g_ptr_array_add (waiting, g_strdup (reminder_id));
      else if (state == MESSAGE_REACHED)
        reached++;
    }

  if (reached > 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%u of the %u messages were sent already and cannot be called back", reached, reminders->len);
      return NULL;
    }
  if (waiting->len == 0)
    {
      g_set_error_literal (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                           "Nothing is left to undo: no message of the action is waiting to be sent");
      return NULL;
    }
  return g_steal_pointer (&waiting);
}

/* ------------------------------------------------------------ public API */

gboolean
ahi_command_center_undo (AhiStore    *store,
                         GPtrArray   *event_ids,
                         const char  *actor_user_id,
                         const char  *actor_role,
                         gint64       now,
                         guint       *n_events,
                         GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GPtrArray) waiting = NULL;
  AhiDb *db;
  gboolean own_snapshot = FALSE;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (event_ids != NULL, FALSE);
  g_return_val_if_fail (actor_user_id != NULL && actor_role != NULL, FALSE);

  if (event_ids->len == 0)
    {
      g_set_error_literal (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                           "Nothing is left to undo: the action appended no event");
      return FALSE;
    }

  /* One snapshot for the whole decision; the append is a transaction of
   * its own, as for ahi_command_center_act. The dispatcher sends on the
   * server: a message it sent before it learnt of the undo stays recorded
   * as sent when its result arrives (the reducer applies results as they
   * come), which is the truth of it. */
  db = ahi_store_get_db (store);
  if (!ahi_db_snapshot_begin (db, &own_snapshot, error))
    return FALSE;
  waiting = plan_undo (db, event_ids, error);
  ahi_db_snapshot_end (db, own_snapshot);
  if (waiting == NULL)
    return FALSE;

  for (guint i = 0; i < waiting->len; i++)
    {
      AhiEvent *event = ahi_store_new_event (store, "reminder.completed", g_ptr_array_index (waiting, i),
                                             actor_user_id, actor_role, now);

      /* "cancelled": called off before it was sent (docs/events.md). */
      json_object_set_string_member (event->payload, "outcome", "cancelled");
      g_ptr_array_add (events, event);
    }
  if (!ahi_store_append_all (store, events, NULL, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = events->len;
  return TRUE;
}
