/* ahi-staff-query.c — reading the staff and their weekly hours */
#include "store/query/ahi-staff-query.h"

#include "store/ahi-db-rows.h"
#include "store/ahi-store-error.h"

#define STAFF_COLUMNS "staff_id, display_name, role, skills, active, created_at, updated_at"

void
ahi_staff_member_free (AhiStaffMember *member)
{
  if (member == NULL)
    return;
  g_free (member->staff_id);
  g_free (member->display_name);
  g_free (member->role);
  g_strfreev (member->skills);
  g_clear_pointer (&member->hours, g_array_unref);
  g_free (member);
}

static gpointer
read_member (sqlite3_stmt *stmt)
{
  AhiStaffMember *member = g_new0 (AhiStaffMember, 1);

  member->staff_id = ahi_db_column_dup (stmt, 0);
  member->display_name = ahi_db_column_dup (stmt, 1);
  member->role = ahi_db_column_dup (stmt, 2);
  member->skills = ahi_db_column_strv (stmt, 3);
  member->active = sqlite3_column_int (stmt, 4) != 0;
  member->created_at = sqlite3_column_int64 (stmt, 5);
  member->updated_at = sqlite3_column_int64 (stmt, 6);
  member->hours = g_array_new (FALSE, TRUE, sizeof (AhiStaffInterval));
  return member;
}

static gboolean
read_hours (AhiDb           *db,
            AhiStaffMember  *member,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT weekday, starts_min, ends_min FROM staff_hours WHERE staff_id = ?1 ORDER BY weekday, starts_min",
    error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, member->staff_id);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      AhiStaffInterval interval = {
        .weekday = sqlite3_column_int (stmt, 0),
        .starts_min = sqlite3_column_int (stmt, 1),
        .ends_min = sqlite3_column_int (stmt, 2),
      };
      g_array_append_val (member->hours, interval);
    }
  return ahi_db_finish_rows (g_steal_pointer (&local_error), error);
}

/* The members a prepared, bound statement finds, each with their hours,
 * all from one snapshot. */
static GPtrArray *
read_members (AhiDb         *db,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) members = NULL;
  gboolean owned = FALSE;

  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  members = ahi_db_read_rows (db, stmt, read_member, (GDestroyNotify) ahi_staff_member_free, error);
  for (guint i = 0; members != NULL && i < members->len; i++)
    if (!read_hours (db, g_ptr_array_index (members, i), error))
      g_clear_pointer (&members, g_ptr_array_unref);
  ahi_db_snapshot_end (db, owned);
  return g_steal_pointer (&members);
}

GPtrArray *
ahi_staff_query_list (AhiDb       *db,
                      gboolean     with_inactive,
                      GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " STAFF_COLUMNS " FROM staff WHERE ?1 OR active ORDER BY created_at, staff_id", error);

  g_return_val_if_fail (db != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, with_inactive ? 1 : 0);
  return read_members (db, stmt, error);
}

AhiStaffMember *
ahi_staff_query_get (AhiDb       *db,
                     const char  *staff_id,
                     GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT " STAFF_COLUMNS " FROM staff WHERE staff_id = ?1", error);
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, staff_id);
  members = read_members (db, stmt, error);
  if (members == NULL)
    return NULL;
  if (members->len == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No staff member with id %s", staff_id);
      return NULL;
    }
  return g_ptr_array_steal_index (members, 0);
}
