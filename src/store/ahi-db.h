/* ahi-db.h — one SQLite connection, its statement cache and transactions
 *
 * A thin layer: it turns SQLite's return codes into GErrors, keeps prepared
 * statements for reuse and starts every write transaction with
 * BEGIN IMMEDIATE (STACK-NOTES: upgrading a read transaction in WAL mode
 * fails without calling the busy handler). One AhiDb per thread.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _AhiDb AhiDb;

/* Opens (creating when asked) a database without writing to it. cache_kib
 * bounds the page cache of this connection (0: SQLite's default). */
AhiDb        *ahi_db_open          (const char    *path,
                                    gboolean       create,
                                    gint           cache_kib,
                                    GError       **error);
void          ahi_db_close         (AhiDb         *db);
/* Switches to WAL with synchronous=NORMAL: the first write to the file. */
gboolean      ahi_db_enable_wal    (AhiDb         *db,
                                    GError       **error);
sqlite3      *ahi_db_get_handle    (AhiDb         *db);
const char   *ahi_db_get_path      (AhiDb         *db);

/* Runs one or more statements without results. */
gboolean      ahi_db_exec          (AhiDb         *db,
                                    const char    *sql,
                                    GError       **error);

/* A prepared statement kept for the life of the connection, reset and with
 * its bindings cleared. Never finalize it. NULL with error on bad SQL. */
sqlite3_stmt *ahi_db_prepare       (AhiDb         *db,
                                    const char    *sql,
                                    GError       **error);

/* Steps a statement to its end (for INSERT/UPDATE/DELETE) and resets it. */
gboolean      ahi_db_step_done     (AhiDb         *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);

/* Steps once: TRUE with a row, FALSE at the end or on error (error set). */
gboolean      ahi_db_step_row      (AhiDb         *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);

/* Ends a loop over ahi_db_step_row: takes local_error (the loop's) and
 * moves it into error; TRUE when the rows ended without one. */
gboolean      ahi_db_finish_rows   (GError        *local_error,
                                    GError       **error);

/* Runs a query that yields one integer; fallback when there is no row. */
gint64        ahi_db_query_int     (AhiDb         *db,
                                    const char    *sql,
                                    gint64         fallback,
                                    GError       **error);

gboolean      ahi_db_begin         (AhiDb         *db,
                                    GError       **error);  /* BEGIN IMMEDIATE */
gboolean      ahi_db_begin_read    (AhiDb         *db,
                                    GError       **error);  /* BEGIN (a snapshot) */
/* A read snapshot for a query of several statements: starts one unless the
 * caller's transaction already gives one (out_owned says which), and ends
 * only one it started. Lets the engines run alone or inside a bigger
 * answer (the Command Center) or a write (a server's check-then-append). */
gboolean      ahi_db_snapshot_begin (AhiDb        *db,
                                     gboolean     *out_owned,
                                     GError      **error);
void          ahi_db_snapshot_end   (AhiDb        *db,
                                     gboolean      owned);
gboolean      ahi_db_commit        (AhiDb         *db,
                                    GError       **error);
void          ahi_db_rollback      (AhiDb         *db);

/* Sets error from the connection's last SQLite error. */
void          ahi_db_set_error     (AhiDb         *db,
                                    GError       **error,
                                    const char    *what);

/* Bind helpers: text and NULL-able values. */
void          ahi_db_bind_text     (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *text);   /* NULL binds NULL */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDb, ahi_db_close)

G_END_DECLS
