/* ahi-db-rows.c — the rows of a query into structs, for the store's queries */
#include "store/ahi-db-rows.h"

#include <json-glib/json-glib.h>

#include "store/ahi-store-error.h"

GPtrArray *
ahi_db_read_rows (AhiDb          *db,
                  sqlite3_stmt   *stmt,
                  AhiDbReadRow    read,
                  GDestroyNotify  free_func,
                  GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  GError *local_error = NULL;

  while (ahi_db_step_row (db, stmt, &local_error))
    g_ptr_array_add (rows, read (stmt));
  if (!ahi_db_finish_rows (local_error, error))
    return NULL;
  return g_steal_pointer (&rows);
}

gpointer
ahi_db_read_one (AhiDb         *db,
                 const char    *sql,
                 const char    *id,
                 AhiDbReadRow   read,
                 const char    *what,
                 GError       **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);
  gpointer row;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      row = read (stmt);
      sqlite3_reset (stmt);
      return row;
    }
  if (!ahi_db_finish_rows (local_error, error))
    return NULL;
  g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No %s with id %s", what, id);
  return NULL;
}

char *
ahi_db_column_dup (sqlite3_stmt *stmt,
                   int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

char **
ahi_db_column_strv (sqlite3_stmt *stmt,
                    int           column)
{
  const char *json = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}
