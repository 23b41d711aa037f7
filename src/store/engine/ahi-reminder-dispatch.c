/* ahi-reminder-dispatch.c — which queued reminders are due, and the
 * record of what became of each */
#include "store/engine/ahi-reminder-dispatch.h"

#include "store/engine/ahi-retention.h"
#include "store/ahi-store-error.h"
#include "core/ahi-id.h"

/* The same rule the retention engine queues by (docs/retention.md), asked
 * again at send time: a customer may withdraw consent in between. */
static const char due_sql[] =
  "SELECT r.reminder_id, r.customer_id, r.channel, r.purpose, r.template, r.due_at,"
  " r.appointment_id, a.starts_at, c.full_name, c.phone, c.email, t.name,"
  " c.erased_at IS NOT NULL OR c.customer_id IS NULL,"
  " r.purpose IN " AHI_COMMERCIAL_PURPOSES_SQL " AND NOT EXISTS (SELECT 1 FROM consents k"
  "   WHERE k.customer_id = r.customer_id AND k.purpose = 'marketing' AND k.channel = r.channel"
  "   AND k.withdrawn_at IS NULL AND k.iys_state IN ('registered', 'not_required')),"
  " coalesce (a.status = 'cancelled', 0)"
  " FROM reminders r"
  " LEFT JOIN customers c ON c.customer_id = r.customer_id"
  " LEFT JOIN appointments a ON a.appointment_id = r.appointment_id"
  " CROSS JOIN tenant_settings t"
  " WHERE r.status = 'queued' AND r.due_at <= ?1"
  " ORDER BY r.due_at, r.reminder_id LIMIT ?2";

void
ahi_due_reminder_free (AhiDueReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_free (reminder->reminder_id);
  g_free (reminder->customer_id);
  g_free (reminder->channel);
  g_free (reminder->purpose);
  g_free (reminder->template_id);
  g_free (reminder->appointment_id);
  g_free (reminder->full_name);
  g_free (reminder->phone);
  g_free (reminder->email);
  g_free (reminder->business_name);
  g_free (reminder);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
ahi_reminder_dispatch_due (AhiDb   *db,
                           gint64   now,
                           guint    limit,
                           GError **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_due_reminder_free);
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, due_sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, limit);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiDueReminder *reminder = g_new0 (AhiDueReminder, 1);

      reminder->reminder_id = column_text (stmt, 0);
      reminder->customer_id = column_text (stmt, 1);
      reminder->channel = column_text (stmt, 2);
      reminder->purpose = column_text (stmt, 3);
      reminder->template_id = column_text (stmt, 4);
      reminder->due_at = sqlite3_column_int64 (stmt, 5);
      reminder->appointment_id = column_text (stmt, 6);
      reminder->appointment_at = sqlite3_column_int64 (stmt, 7);
      reminder->full_name = column_text (stmt, 8);
      reminder->phone = column_text (stmt, 9);
      reminder->email = column_text (stmt, 10);
      reminder->business_name = column_text (stmt, 11);

      /* Checked in order of weight: an erased customer is no one to
       * write to, whatever the purpose. */
      if (sqlite3_column_int (stmt, 12))
        reminder->refused = AHI_DISPATCH_REFUSED_ERASED;
      else if (sqlite3_column_int (stmt, 13))
        reminder->refused = AHI_DISPATCH_REFUSED_NO_CONSENT;
      else if (sqlite3_column_int (stmt, 14))
        reminder->refused = AHI_DISPATCH_REFUSED_CANCELLED;
      g_ptr_array_add (due, reminder);
    }
  if (!ahi_db_finish_rows (local_error, error))
    return NULL;
  return g_steal_pointer (&due);
}

char *
ahi_reminder_dispatch_system_user (const char *tenant_id)
{
  g_return_val_if_fail (ahi_id_is_valid (tenant_id), NULL);
  return ahi_id_derive (tenant_id, "system");
}

static gboolean
is_queued (AhiDb       *db,
           const char  *reminder_id,
           gboolean    *out_queued,
           GError     **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT status = 'queued' FROM reminders WHERE reminder_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  *out_queued = FALSE;
  ahi_db_bind_text (stmt, 1, reminder_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      *out_queued = sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
    }
  return ahi_db_finish_rows (local_error, error);
}

gboolean
ahi_reminder_dispatch_record (AhiStore    *store,
                              const char  *reminder_id,
                              gboolean     sent,
                              const char  *provider,
                              const char  *provider_ref,
                              const char  *failure,
                              gint64       now,
                              GError     **error)
{
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *system_user = NULL;
  gboolean queued = FALSE;

  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder_id != NULL && provider != NULL, FALSE);

  /* The dispatcher runs on the thread that owns the store, so nothing
   * can record a result between this check and the append. */
  if (!is_queued (ahi_store_get_db (store), reminder_id, &queued, error))
    return FALSE;
  if (!queued)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "Reminder %s is not queued", reminder_id);
      return FALSE;
    }

  system_user = ahi_reminder_dispatch_system_user (ahi_store_get_tenant_id (store));
  event = ahi_store_new_event (store, "reminder.sent", reminder_id, system_user, "system", now);
  json_object_set_string_member (event->payload, "result", sent ? "sent" : "failed");
  json_object_set_string_member (event->payload, "provider", provider);
  if (provider_ref != NULL)
    json_object_set_string_member (event->payload, "provider_ref", provider_ref);
  if (!sent)
    {
      /* The catalogue bounds the failure at 200 characters; a provider's
       * message may be longer. */
      g_autofree char *text = g_utf8_substring (failure != NULL ? failure : "unknown", 0,
                                                MIN (g_utf8_strlen (failure != NULL ? failure : "unknown", -1), 200));
      json_object_set_string_member (event->payload, "failure", text);
    }
  return ahi_store_append (store, event, NULL, error);
}
