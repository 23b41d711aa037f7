/* ahi-staff-query.c — reading the staff and their weekly hours */
#include "ahi-staff-query.h"

#include <json-glib/json-glib.h>

#include "ahi-store-error.h"

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

/* The skills column is the JSON array the reducer wrote. */
static char **
parse_skills (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (out, g_strdup (json_node_get_string (element)));
        }
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static AhiStaffMember *
read_member (sqlite3_stmt *stmt)
{
  AhiStaffMember *member = g_new0 (AhiStaffMember, 1);

  member->staff_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  member->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  member->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  member->skills = parse_skills ((const char *) sqlite3_column_text (stmt, 3));
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
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_staff_member_free);
  g_autoptr(GError) local_error = NULL;
  gboolean owned = FALSE;
  gboolean ok;

  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  while (ahi_db_step_row (db, stmt, &local_error))
    g_ptr_array_add (members, read_member (stmt));
  ok = local_error == NULL;
  for (guint i = 0; ok && i < members->len; i++)
    ok = read_hours (db, g_ptr_array_index (members, i), &local_error);
  ahi_db_snapshot_end (db, owned);
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
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
