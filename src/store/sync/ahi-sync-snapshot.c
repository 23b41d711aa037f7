/* ahi-sync-snapshot.c — the copy of a tenant database a new device
 * bootstraps from */
#include "store/sync/ahi-sync-snapshot.h"

#include <glib/gstdio.h>

#include "store/ahi-db.h"
#include "store/ahi-store-error.h"

/* A health note, as pull recognises it (ahi-sync-server.c): a note whose
 * payload says kind "health". */
#define HEALTH_NOTE_EVENTS \
  "SELECT event_id FROM tenant_event_logs" \
  " WHERE type = 'crm.note.created' AND json_extract (payload, '$.kind') = 'health'"

/* A staff change that sets a PIN and nothing else (pull leaves these
 * out of a page for a device that is no desk). */
#define PIN_ONLY_EVENTS \
  "SELECT l.event_id FROM tenant_event_logs l JOIN event_pii p ON p.event_id = l.event_id" \
  " WHERE l.type LIKE 'staff.%' AND l.payload = '{}' AND json_remove (p.pii, '$.pin_hash') = '{}'"

/* The tables whose append-only triggers the scoping must step past. */
#define GUARDED_TABLES "('tenant_event_logs', 'health_note_reads')"

/* ------------------------------------------------------------- helpers */

static void
remove_copy (const char *target)
{
  g_autofree char *journal = g_strconcat (target, "-journal", NULL);

  g_remove (journal);
  g_remove (target);
}

/* VACUUM INTO writes one consistent snapshot even while others write:
 * it reads inside its own read transaction, so this connection must have
 * none open (STACK-NOTES), which a fresh connection guarantees. */
static gboolean
copy_database (const char  *db_path,
               const char  *target,
               GError     **error)
{
  g_autoptr(AhiDb) source = ahi_db_open (db_path, FALSE, 0, error);
  sqlite3_stmt *stmt;

  if (source == NULL)
    return FALSE;
  stmt = ahi_db_prepare (source, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, target);
  return ahi_db_step_done (source, stmt, error);
}

/* The CREATE statements of the triggers on the guarded tables, to put
 * back after the scoping. */
static GPtrArray *
read_guard_triggers (AhiDb   *copy,
                     GError **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (copy,
                                       "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                                       " AND tbl_name IN " GUARDED_TABLES " ORDER BY name",
                                       error);

  if (stmt == NULL)
    return NULL;
  while (ahi_db_step_row (copy, stmt, &local_error))
    {
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&triggers);
}

static gboolean
drop_triggers (AhiDb      *copy,
               GPtrArray  *triggers,
               GError    **error)
{
  for (guint i = 0; i < triggers->len; i += 2)
    {
      g_autofree char *quoted = g_strdup_printf ("DROP TRIGGER \"%s\"", (const char *) triggers->pdata[i]);

      if (!ahi_db_exec (copy, quoted, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_triggers (AhiDb      *copy,
                  GPtrArray  *triggers,
                  GError    **error)
{
  for (guint i = 0; i < triggers->len; i += 2)
    if (!ahi_db_exec (copy, triggers->pdata[i + 1], error))
      return FALSE;
  return TRUE;
}

/* Scopes the copy, in one transaction of the copy's own.
 *
 * The log is append-only through triggers, and the copy is a log too: the
 * device keeps it. The simplest correct way to leave rows out of it is to
 * lift the triggers in this private file only, delete, and put the very
 * same triggers back before the transaction commits, so the file the
 * device receives guards its log exactly like ours. (Rebuilding the copy
 * by replaying a filtered log would have to re-create every projection
 * the server holds and its erasures, to arrive at the same place.) The
 * live database is never touched. secure_delete overwrites what is
 * deleted, so no health note survives in a free page of the file. */
static gboolean
scope_copy (AhiDb     *copy,
            gboolean   health_notes,
            gboolean   pin_hashes,
            GError   **error)
{
  g_autoptr(GPtrArray) triggers = NULL;

  if (!ahi_db_exec (copy, "PRAGMA secure_delete = ON", error) ||
      !ahi_db_begin (copy, error))
    return FALSE;
  if ((triggers = read_guard_triggers (copy, error)) == NULL ||
      !drop_triggers (copy, triggers, error))
    goto fail;

  /* The server's bookkeeping is about other devices and readers; the
   * server's device id is not the new device's (it makes its own when it
   * first opens the file without one). */
  if (!ahi_db_exec (copy,
                    "DELETE FROM sync_devices;"
                    "DELETE FROM sync_answers;"
                    "DELETE FROM health_note_reads;"
                    "DELETE FROM store_meta WHERE key = 'device_id';",
                    error))
    goto fail;

  if (!health_notes &&
      !ahi_db_exec (copy,
                    "DELETE FROM event_pii WHERE event_id IN (" HEALTH_NOTE_EVENTS ");"
                    "DELETE FROM tenant_event_logs WHERE event_id IN (" HEALTH_NOTE_EVENTS ");"
                    "DELETE FROM notes WHERE kind = 'health';",
                    error))
    goto fail;

  /* A device that is no desk never holds a PIN hash: a change of nothing
   * but a PIN leaves the copy's log whole, as pull leaves it out. */
  if (!pin_hashes &&
      !ahi_db_exec (copy,
                    "CREATE TEMP TABLE pin_only AS " PIN_ONLY_EVENTS ";"
                    "DELETE FROM event_pii WHERE event_id IN (SELECT event_id FROM pin_only);"
                    "DELETE FROM tenant_event_logs WHERE event_id IN (SELECT event_id FROM pin_only);"
                    "DROP TABLE pin_only;"
                    "UPDATE event_pii SET pii = json_remove (pii, '$.pin_hash')"
                    " WHERE json_extract (pii, '$.pin_hash') IS NOT NULL;"
                    "UPDATE staff SET pin_hash = NULL WHERE pin_hash IS NOT NULL;",
                    error))
    goto fail;
  if (!restore_triggers (copy, triggers, error) || !ahi_db_commit (copy, error))
    goto fail;
  return TRUE;

fail:
  ahi_db_rollback (copy);
  return FALSE;
}

static GStrv
read_patients (AhiDb   *copy,
               GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (copy,
                                       "SELECT DISTINCT customer_id FROM notes WHERE kind = 'health'"
                                       " ORDER BY customer_id",
                                       error);

  if (stmt == NULL)
    return NULL;
  while (ahi_db_step_row (copy, stmt, &local_error))
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_strv_builder_end (builder);
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_sync_snapshot_write (const char  *db_path,
                         const char  *target,
                         gboolean     health_notes,
                         gboolean     pin_hashes,
                         gint64      *out_cursor,
                         GStrv       *out_patients,
                         GError     **error)
{
  g_autoptr(AhiDb) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) patients = NULL;
  gint64 cursor;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (out_cursor != NULL, FALSE);

  /* VACUUM INTO refuses an existing target too, but says so only as a
   * generic SQLite error; and a file we did not write is not ours to
   * remove. */
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT, "%s exists already", target);
      return FALSE;
    }

  if (!copy_database (db_path, target, &local_error))
    goto fail;
  copy = ahi_db_open (target, FALSE, 0, &local_error);
  if (copy == NULL)
    goto fail;

  /* The cursor comes from the copy itself: the live log may have grown
   * since the snapshot was taken. It is read before the scoping, so that
   * a staff member's copy whose last event was a health note still
   * starts after it (pull would leave it out for them anyway). */
  cursor = ahi_db_query_int (copy, "SELECT coalesce (max (seq), 0) FROM tenant_event_logs", 0, &local_error);
  if (local_error != NULL ||
      !scope_copy (copy, health_notes, pin_hashes, &local_error) ||
      (patients = read_patients (copy, &local_error)) == NULL)
    goto fail;

  g_clear_pointer (&copy, ahi_db_close);
  *out_cursor = cursor;
  if (out_patients != NULL)
    *out_patients = g_steal_pointer (&patients);
  return TRUE;

fail:
  g_clear_pointer (&copy, ahi_db_close);
  remove_copy (target);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
