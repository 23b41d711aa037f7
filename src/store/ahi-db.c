/* ahi-db.c — one SQLite connection, its statement cache and transactions */
#include "store/ahi-db.h"

#include "store/ahi-store-error.h"

struct _AhiDb {
  sqlite3    *handle;
  char       *path;
  GHashTable *statements;   /* SQL text → sqlite3_stmt* */
};

/* ------------------------------------------------------------- helpers */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

void
ahi_db_set_error (AhiDb       *db,
                  GError     **error,
                  const char  *what)
{
  int code = sqlite3_extended_errcode (db->handle);

  g_set_error (error, AHI_STORE_ERROR,
               (code & 0xff) == SQLITE_NOTADB ? AHI_STORE_ERROR_NOT_A_DATABASE : AHI_STORE_ERROR_SQLITE,
               "%s: %s (SQLite %d)", what, sqlite3_errmsg (db->handle), code);
}

/* ---------------------------------------------------------- public API */

AhiDb *
ahi_db_open (const char  *path,
             gboolean     create,
             gint         cache_kib,
             GError     **error)
{
  g_autoptr(AhiDb) db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  db = g_new0 (AhiDb, 1);
  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  if (sqlite3_open_v2 (path, &db->handle, flags, NULL) != SQLITE_OK)
    {
      if (db->handle == NULL)
        {
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SQLITE,
                       "Cannot open %s: out of memory", path);
          return NULL;
        }
      ahi_db_set_error (db, error, path);
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, 5000);

  /* Reading the schema first turns "file is not a database" into an error
   * here rather than on the first query. Nothing is written yet: a caller
   * that refuses the file (a newer schema) leaves it byte for byte as it was. */
  if (!ahi_db_exec (db, "SELECT count(*) FROM sqlite_master", error))
    return NULL;

  if (cache_kib > 0)
    {
      g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size=-%d", cache_kib);
      if (!ahi_db_exec (db, cache, error))
        return NULL;
    }

  return g_steal_pointer (&db);
}

gboolean
ahi_db_enable_wal (AhiDb   *db,
                   GError **error)
{
  return ahi_db_exec (db,
                      "PRAGMA journal_mode=WAL;"
                      "PRAGMA synchronous=NORMAL;"
                      "PRAGMA temp_store=MEMORY;",
                      error);
}

void
ahi_db_close (AhiDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
ahi_db_get_handle (AhiDb *db)
{
  return db->handle;
}

const char *
ahi_db_get_path (AhiDb *db)
{
  return db->path;
}

gboolean
ahi_db_exec (AhiDb       *db,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (db->handle);

      g_set_error (error, AHI_STORE_ERROR,
                   (code & 0xff) == SQLITE_NOTADB ? AHI_STORE_ERROR_NOT_A_DATABASE : AHI_STORE_ERROR_SQLITE,
                   "%s (SQLite %d)", message != NULL ? message : "SQL failed", code);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
ahi_db_prepare (AhiDb       *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ahi_db_set_error (db, error, "Preparing a statement");
      return NULL;
    }

  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
ahi_db_step_done (AhiDb         *db,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ahi_db_set_error (db, error, "Writing");
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_db_step_row (AhiDb         *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    ahi_db_set_error (db, error, "Reading");
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
ahi_db_finish_rows (GError  *local_error,
                    GError **error)
{
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gint64
ahi_db_query_int (AhiDb       *db,
                  const char  *sql,
                  gint64       fallback,
                  GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  if (ahi_db_step_row (db, stmt, error))
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        value = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return value;
}

gboolean
ahi_db_begin (AhiDb   *db,
              GError **error)
{
  return ahi_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
ahi_db_begin_read (AhiDb   *db,
                   GError **error)
{
  /* A deferred transaction becomes a read snapshot at its first SELECT. */
  return ahi_db_exec (db, "BEGIN DEFERRED", error);
}

gboolean
ahi_db_snapshot_begin (AhiDb     *db,
                       gboolean  *out_owned,
                       GError   **error)
{
  *out_owned = sqlite3_get_autocommit (db->handle) != 0;
  return !*out_owned || ahi_db_begin_read (db, error);
}

void
ahi_db_snapshot_end (AhiDb    *db,
                     gboolean  owned)
{
  /* A read transaction has nothing to keep: ending it either way is the
   * same, and rollback cannot fail. */
  if (owned)
    ahi_db_rollback (db);
}

gboolean
ahi_db_commit (AhiDb   *db,
               GError **error)
{
  return ahi_db_exec (db, "COMMIT", error);
}

void
ahi_db_rollback (AhiDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

void
ahi_db_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}
