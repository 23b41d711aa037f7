/* ahi-store-dump.c — a canonical text dump of the projections */
#include "store/ahi-store-dump.h"

static gboolean
is_dumped (const char *table)
{
  return !g_str_equal (table, "tenant_event_logs") &&
         !g_str_equal (table, "store_meta") &&
         !g_str_has_prefix (table, "sqlite_") &&
         !g_str_has_prefix (table, "customer_search");
}

static void
append_value (GString      *out,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
      break;
    default:
      {
        /* Text (and, should one appear, anything else) quoted; the escape
         * keeps a value holding the separator unambiguous. */
        g_autofree char *escaped = g_strescape ((const char *) sqlite3_column_text (stmt, column), NULL);
        g_string_append_printf (out, "\"%s\"", escaped);
      }
      break;
    }
}

static gboolean
dump_table (AhiDb       *db,
            const char  *table,
            GString     *out,
            GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int n_columns;

  g_string_printf (sql, "SELECT * FROM \"%s\" LIMIT 0", table);
  stmt = ahi_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  n_columns = sqlite3_column_count (stmt);

  g_string_printf (sql, "SELECT * FROM \"%s\" ORDER BY ", table);
  for (int i = 1; i <= n_columns; i++)
    g_string_append_printf (sql, "%s%d", i > 1 ? ", " : "", i);

  stmt = ahi_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  g_string_append_printf (out, "## %s\n", table);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      for (int i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append_printf (out, "%s=", sqlite3_column_name (stmt, i));
          append_value (out, stmt, i);
        }
      g_string_append_c (out, '\n');
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

char *
ahi_store_dump_projections (AhiDb   *db,
                            GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      if (is_dumped (name))
        g_ptr_array_add (tables, g_strdup (name));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < tables->len; i++)
    if (!dump_table (db, g_ptr_array_index (tables, i), out, error))
      return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
