/* ahi-db-rows.h — the rows of a query into structs, for the store's queries
 *
 * Every query of the store steps a prepared statement and reads each row
 * into a new struct (or JSON object) the same way; these are that loop,
 * once, and the column readers the row readers share. The statement
 * of a list is the caller's: prepared (ahi_db_prepare) and bound.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

/* One row (the statement stands on it) into a new struct. */
typedef gpointer (*AhiDbReadRow) (sqlite3_stmt *stmt);

/* Every row of stmt through read, in an array that frees them with
 * free_func; NULL with error when a step fails. */
GPtrArray *ahi_db_read_rows   (AhiDb          *db,
                               sqlite3_stmt   *stmt,
                               AhiDbReadRow    read,
                               GDestroyNotify  free_func,
                               GError        **error);

/* The row a query by id finds (sql selects WHERE its id = ?1) through
 * read. NULL with error when the query fails, or with
 * AHI_STORE_ERROR_NOT_FOUND "No <what> with id <id>" when there is no
 * such row. */
gpointer   ahi_db_read_one    (AhiDb          *db,
                               const char     *sql,
                               const char     *id,
                               AhiDbReadRow    read,
                               const char     *what,
                               GError        **error);

/* A column as a new string; NULL for SQL NULL. */
char      *ahi_db_column_dup  (sqlite3_stmt   *stmt,
                               int             column);

/* A column holding a JSON array of strings (tags, skills, resource kinds:
 * the reducer wrote it) as a NULL-terminated vector; members of another
 * type are skipped, and anything that is not an array reads as empty
 * rather than failing the whole answer. Never NULL. */
char     **ahi_db_column_strv (sqlite3_stmt   *stmt,
                               int             column);

G_END_DECLS
