/* ahi-backup.c — copies of a business's database: write, check, restore */
#include "store/ahi-backup.h"
#include "store/ahi-backup-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "store/ahi-migrations.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"

/* How long a copy waits for a lock held by another connection (a WAL
 * reader almost never waits; a checkpoint or recovery can hold one). */
#define BUSY_RETRY_MS    10
#define BUSY_RETRY_COUNT 500

/* ------------------------------------------------------------- helpers */

static void
set_sqlite_error (GError     **error,
                  int          code,
                  const char  *message,
                  const char  *what)
{
  int primary = code & 0xff;
  int domain_code = primary == SQLITE_NOTADB ? AHI_STORE_ERROR_NOT_A_DATABASE :
                    primary == SQLITE_CORRUPT ? AHI_STORE_ERROR_CORRUPT :
                    AHI_STORE_ERROR_SQLITE;

  g_set_error (error, AHI_STORE_ERROR, domain_code, "%s: %s (SQLite %d)", what,
               message != NULL ? message : sqlite3_errstr (code), code);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s %s: %s", what, path, g_strerror (saved_errno));
}

/* Removes a database file and every companion SQLite may have left. */
static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* A new, empty, private file beside final_path: the copy is written there
 * and renamed over final_path only when complete. The same folder keeps
 * the rename on one file system, hence atomic. */
static char *
make_temp_beside (const char  *final_path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (final_path);
  g_autofree char *base = g_path_get_basename (final_path);
  g_autofree char *name = g_strdup_printf (".%s-XXXXXX.part", base);
  char *temp = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_errno_error (error, errno, "Cannot create a temporary file in", dir);
      g_free (temp);
      return NULL;
    }
  close (fd);
  return temp;
}

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    {
      set_errno_error (error, errno, "Cannot open", path);
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      set_errno_error (error, saved_errno, "Cannot flush", path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Puts a complete copy in place: on the disk first, then under its final
 * name, then the folder's entry on the disk too. */
static gboolean
install (const char  *temp,
         const char  *final_path,
         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (final_path);

  if (!sync_path (temp, FALSE, error))
    return FALSE;
  if (g_rename (temp, final_path) != 0)
    {
      set_errno_error (error, errno, "Cannot rename the copy to", final_path);
      return FALSE;
    }
  return sync_path (dir, TRUE, error);
}

/* Copies every page of source's main database into the empty file at
 * target in one step: one read transaction on the source, so in WAL mode
 * the copy is a snapshot of one instant and writers are never blocked.
 * The copy then leaves WAL mode, so that it is one self-contained file. */
static gboolean
copy_database (sqlite3     *source,
               const char  *target,
               GError     **error)
{
  g_autoptr(AhiDb) dest = ahi_db_open (target, FALSE, 0, error);
  sqlite3_backup *backup;
  int rc = SQLITE_OK;

  if (dest == NULL)
    return FALSE;

  backup = sqlite3_backup_init (ahi_db_get_handle (dest), "main", source, "main");
  if (backup == NULL)
    {
      ahi_db_set_error (dest, error, "Starting the copy");
      return FALSE;
    }
  for (guint tries = 0; ; tries++)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < BUSY_RETRY_COUNT)
        {
          sqlite3_sleep (BUSY_RETRY_MS);
          continue;
        }
      break;
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      /* The source's message says why when it is the source that failed
       * (a damaged page); the code alone otherwise. */
      set_sqlite_error (error, rc, sqlite3_errcode (source) == rc ? sqlite3_errmsg (source) : NULL,
                        "Copying the database");
      return FALSE;
    }

  return ahi_db_exec (dest, "PRAGMA journal_mode=DELETE", error);
}

/* Opens a file for reading only, without locks and without looking for
 * or creating a -wal or -shm beside it (immutable): what is checked is
 * the file's own bytes, exactly what a restore copies. */
static sqlite3 *
open_immutable (const char  *path,
                GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *file_uri = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s is not a file", path);
      return NULL;
    }

  file_uri = g_filename_to_uri (absolute, NULL, error);
  if (file_uri == NULL)
    return NULL;
  uri = g_strconcat (file_uri, "?mode=ro&immutable=1", NULL);

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, db != NULL ? sqlite3_errmsg (db) : NULL, path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

/* Runs a query of one row and one column. out_text (may be NULL) gets its
 * text, out_int its integer; no row leaves them NULL and 0. */
static gboolean
query_one (sqlite3     *db,
           const char  *sql,
           const char  *what,
           char       **out_text,
           gint64      *out_int,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (out_text != NULL)
    *out_text = NULL;
  if (out_int != NULL)
    *out_int = 0;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (out_text != NULL && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        *out_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (out_int != NULL)
        *out_int = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (error, sqlite3_extended_errcode (db), sqlite3_errmsg (db), what);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* The checks of ahi_backup_check, on an open connection. path names the
 * file in messages. thorough runs integrity_check, which also proves every
 * index agrees with its table; otherwise quick_check, about seven times
 * faster on a 160 MB tenant (1.2 s against 8 s on a loaded test machine),
 * which still reads every page: enough for a copy SQLite has just made
 * page for page from a database already checked or in use. */
static gboolean
check_connection (sqlite3     *db,
                  const char  *path,
                  gboolean     thorough,
                  char       **out_tenant_id,
                  gint64      *out_events,
                  GError     **error)
{
  const AhiSchema *schema = ahi_migrations_tenant_schema ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *tenant_id = NULL;
  gint64 application_id = 0, version = 0, events = 0;

  if (!query_one (db, "PRAGMA application_id", path, NULL, &application_id, error) ||
      !query_one (db, "PRAGMA user_version", path, NULL, &version, error))
    return FALSE;

  /* Not ours, or an empty database: nothing a restore could use. */
  if (application_id != schema->application_id || version < 1)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE,
                   "%s is not an %s", path, schema->what);
      return FALSE;
    }
  if (version > ahi_migrations_latest ())
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SCHEMA_TOO_NEW,
                   "%s was written by a newer Ahi Desk (schema %" G_GINT64_FORMAT
                   ", this version knows up to %d)", path, version, ahi_migrations_latest ());
      return FALSE;
    }

  /* The check finds a damaged page before the file replaces a working
   * database. Its first row is "ok", or the first problem. */
  if (!query_one (db, thorough ? "PRAGMA integrity_check(1)" : "PRAGMA quick_check(1)",
                  path, &integrity, NULL, &local_error))
    {
      /* Whatever stops the check from reading the file is damage too. */
      if (local_error->domain == AHI_STORE_ERROR && local_error->code == AHI_STORE_ERROR_SQLITE)
        local_error->code = AHI_STORE_ERROR_CORRUPT;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CORRUPT,
                   "%s is damaged: %s", path, integrity != NULL ? integrity : "no answer");
      return FALSE;
    }

  if (!query_one (db, "SELECT value FROM store_meta WHERE key = 'tenant_id'", path, &tenant_id, NULL, error) ||
      !query_one (db, "SELECT count(*) FROM tenant_event_logs", path, NULL, &events, error))
    return FALSE;
  if (tenant_id == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%s holds no business", path);
      return FALSE;
    }

  if (out_tenant_id != NULL)
    *out_tenant_id = g_steal_pointer (&tenant_id);
  if (out_events != NULL)
    *out_events = events;
  return TRUE;
}

static gboolean
read_tenant_id (AhiDb       *db,
                char       **out_tenant_id,
                GError     **error)
{
  if (!query_one (ahi_db_get_handle (db), "SELECT value FROM store_meta WHERE key = 'tenant_id'",
                  ahi_db_get_path (db), out_tenant_id, NULL, error))
    return FALSE;
  if (*out_tenant_id == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%s holds no business to back up yet", ahi_db_get_path (db));
      return FALSE;
    }
  return TRUE;
}

/* A private connection to the live database, for reading only. */
static AhiDb *
open_live_reader (const char  *live_path,
                  GError     **error)
{
  g_autoptr(AhiDb) db = ahi_db_open (live_path, FALSE, 0, error);

  if (db == NULL || !ahi_db_exec (db, "PRAGMA query_only=1", error))
    return NULL;
  return g_steal_pointer (&db);
}

/* Copies the live database (through reader) to dest_path via a temporary
 * file that is checked before it takes the name: a backup that could not
 * be restored is refused here, not on the day it is needed. */
static gboolean
write_backup (AhiDb       *reader,
              const char  *dest_path,
              GError     **error)
{
  g_autofree char *temp = make_temp_beside (dest_path, error);
  sqlite3 *check = NULL;
  gboolean ok;

  if (temp == NULL)
    return FALSE;

  ok = copy_database (ahi_db_get_handle (reader), temp, error);
  if (ok)
    {
      check = open_immutable (temp, error);
      ok = check != NULL && check_connection (check, dest_path, FALSE, NULL, NULL, error);
      sqlite3_close (check);
    }
  ok = ok && install (temp, dest_path, error);

  if (!ok)
    remove_database_files (temp);
  return ok;
}

/* Whether file_name is one of this tenant's automatic backups:
 * prefix (ahi-<tenant>-), a YYYY-MM-DD date, the suffix, nothing else. */
static gboolean
is_auto_backup_of (const char *file_name,
                   const char *prefix)
{
  static const char pattern[] = "dddd-dd-dd";
  gsize prefix_len = strlen (prefix);
  const char *date;

  if (!g_str_has_prefix (file_name, prefix) ||
      strlen (file_name) != prefix_len + strlen (pattern) + strlen (AHI_BACKUP_SUFFIX) ||
      !g_str_has_suffix (file_name, AHI_BACKUP_SUFFIX))
    return FALSE;

  date = file_name + prefix_len;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (date[i]) : date[i] != pattern[i])
      return FALSE;
  return TRUE;
}

static gint
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Deletes this tenant's automatic backups beyond the newest keep. The ISO
 * date in the name makes name order date order. Best effort: a file that
 * cannot be removed stays until the next run. */
static void
prune_auto_backups (const char *dir,
                    const char *prefix,
                    guint       keep)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    if (is_auto_backup_of (name, prefix))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names_newest_first);
  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_remove (path) != 0)
        g_debug ("Could not remove the old backup %s: %s", path, g_strerror (errno));
    }
}

/* The live database may be replaced only when nobody has it open. Opening
 * it and closing it again makes SQLite checkpoint its last changes into
 * the file and delete the -wal, but only when this was the last
 * connection (it holds a lock to tell): a -wal left behind means another
 * connection, in this process or another, still uses the database. */
static gboolean
quiesce_live (const char  *live_path,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (live_path, "-wal", NULL);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (live_path, G_FILE_TEST_EXISTS))
    return TRUE;

  rc = sqlite3_open_v2 (live_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 1000);
      rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  sqlite3_close (db);

  /* A damaged live database cannot be checkpointed: it is being replaced
   * because of that, and its stale companions go with it. */
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    return TRUE;

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "%s is still open; close the business before restoring a backup", live_path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ahi_backup_write and ahi_backup_auto from the live database's path
 * alone: what the worker threads of the _async variants get. */
gboolean
_ahi_backup_write_from (const char  *live_path,
                        const char  *dest_path,
                        GError     **error)
{
  g_autoptr(AhiDb) reader = NULL;
  g_autofree char *tenant_id = NULL;

  if (same_file (dest_path, live_path))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "A backup cannot replace the database it copies (%s)", dest_path);
      return FALSE;
    }

  reader = open_live_reader (live_path, error);
  return reader != NULL &&
         read_tenant_id (reader, &tenant_id, error) &&
         write_backup (reader, dest_path, error);
}

gboolean
_ahi_backup_auto_from (const char   *live_path,
                       const char   *dir,
                       guint         keep,
                       gint64        now,
                       char        **out_path,
                       GError      **error)
{
  g_autoptr(AhiDb) reader = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (out_path != NULL)
    *out_path = NULL;

  reader = open_live_reader (live_path, error);
  if (reader == NULL || !read_tenant_id (reader, &tenant_id, error))
    return FALSE;

  /* The business's day, not the machine's: a desk in Istanbul backs up
   * once per Istanbul day whatever the laptop's zone says. */
  zone = ahi_tenant_timezone (reader);
  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "%" G_GINT64_FORMAT " is not a time", now);
      return FALSE;
    }
  local = g_date_time_to_timezone (utc, zone);
  date = g_date_time_format (local, "%Y-%m-%d");
  prefix = g_strdup_printf ("ahi-%s-", tenant_id);
  name = g_strconcat (prefix, date, AHI_BACKUP_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);

  /* Backups hold personal data: the folder is the user's alone. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, errno, "Cannot create the backup folder", dir);
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!write_backup (reader, path, error))
        return FALSE;
      if (out_path != NULL)
        *out_path = g_strdup (path);
    }

  prune_auto_backups (dir, prefix, keep);
  return TRUE;
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_backup_write (AhiStore    *store,
                  const char  *dest_path,
                  GError     **error)
{
  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ahi_backup_write_from (ahi_store_get_path (store), dest_path, error);
}

gboolean
ahi_backup_auto (AhiStore     *store,
                 const char   *dir,
                 guint         keep,
                 gint64        now,
                 char        **out_path,
                 GError      **error)
{
  g_return_val_if_fail (AHI_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (keep >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _ahi_backup_auto_from (ahi_store_get_path (store), dir, keep, now, out_path, error);
}

gboolean
ahi_backup_check (const char  *path,
                  char       **out_tenant_id,
                  gint64      *out_events,
                  GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ahi_store_module_init ();

  db = open_immutable (path, error);
  if (db == NULL)
    return FALSE;
  ok = check_connection (db, path, TRUE, out_tenant_id, out_events, error);
  sqlite3_close (db);
  return ok;
}

gboolean
ahi_backup_restore (const char  *backup_path,
                    const char  *live_path,
                    GError     **error)
{
  g_autofree char *temp = NULL;
  sqlite3 *source = NULL;
  sqlite3 *check = NULL;
  gboolean ok;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (live_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ahi_backup_check (backup_path, NULL, NULL, error))
    return FALSE;
  if (same_file (backup_path, live_path))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "%s is the live database itself, not a backup of it", backup_path);
      return FALSE;
    }

  /* The copy beside the live database is what will be renamed over it:
   * check that one too, so that a read error during the copy cannot slip
   * through. Until the rename the live database is not touched. */
  temp = make_temp_beside (live_path, error);
  if (temp == NULL)
    return FALSE;
  source = open_immutable (backup_path, error);
  ok = source != NULL && copy_database (source, temp, error);
  sqlite3_close (source);
  if (ok)
    {
      check = open_immutable (temp, error);
      ok = check != NULL && check_connection (check, backup_path, FALSE, NULL, NULL, error);
      sqlite3_close (check);
    }

  /* The old -wal and -shm belong to the old file: beside the new one
   * SQLite would replay them into it. A hot -journal likewise. */
  if (ok && (ok = quiesce_live (live_path, error)))
    {
      g_autofree char *journal = g_strconcat (live_path, "-journal", NULL);
      g_autofree char *wal = g_strconcat (live_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (live_path, "-shm", NULL);

      g_remove (journal);
      g_remove (wal);
      g_remove (shm);
      ok = install (temp, live_path, error);
    }

  if (!ok)
    remove_database_files (temp);
  return ok;
}

