/* ahi-health-audit.c — the record of who read a patient's health notes */
#include "store/ahi-health-audit.h"

#include "core/ahi-access.h"

void
ahi_health_read_free (AhiHealthRead *read)
{
  if (read == NULL)
    return;
  g_free (read->user_id);
  g_free (read->role);
  g_free (read->customer_id);
  g_free (read->channel);
  g_free (read);
}

gboolean
ahi_health_audit_enabled (AhiDb *db)
{
  /* A database whose compliance profile cannot be read counts as a
   * clinic's: the safe side for special-category data. */
  return ahi_db_query_int (db, "SELECT healthcare_mode FROM compliance_profiles", 1, NULL) != 0;
}

gboolean
ahi_health_notes_readable_by (AhiDb      *db,
                              const char *role)
{
  /* The read scope decides (core/ahi-access.h): a role it does not know
   * reads none, outside healthcare mode everyone reads notes. */
  return !ahi_health_audit_enabled (db) || ahi_access_read_scope (role).health_notes;
}

gboolean
ahi_health_audit_record (AhiDb       *db,
                         const char  *user_id,
                         const char  *role,
                         const char  *customer_id,
                         const char  *channel,
                         gint64       read_at,
                         GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "INSERT INTO health_note_reads (read_at, user_id, role, customer_id, channel)"
    " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  g_return_val_if_fail (user_id != NULL && role != NULL && customer_id != NULL && channel != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, read_at);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, channel, -1, SQLITE_TRANSIENT);
  return ahi_db_step_done (db, stmt, error);
}

GPtrArray *
ahi_health_audit_reads_of (AhiDb       *db,
                           const char  *customer_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) reads = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_health_read_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT read_at, user_id, role, customer_id, channel FROM health_note_reads"
    " WHERE customer_id = ?1 ORDER BY read_at, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiHealthRead *read = g_new0 (AhiHealthRead, 1);

      read->read_at = sqlite3_column_int64 (stmt, 0);
      read->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      read->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      read->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      read->channel = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (reads, read);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&reads);
}
