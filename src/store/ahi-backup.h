/* ahi-backup.h — copies of a business's database: write, check, restore
 *
 * A front desk that only works offline must not lose everything with its
 * laptop. A backup is one self-contained SQLite file (no -wal beside it),
 * written with SQLite's online backup API from a read snapshot of its own
 * connection: the app keeps appending while it runs, and the copy holds
 * the log and the projections of one instant. Files appear under their
 * final name only when complete (a temporary name in the same folder, then
 * rename), so a crash never leaves half a backup behind.
 *
 * ahi_backup_write and ahi_backup_auto open their own connection and
 * never touch the store's. They block for as long as the copy takes: the
 * UI calls the _async variants below.
 *
 * Errors are AHI_STORE_ERROR: NOT_A_DATABASE (not ours), SCHEMA_TOO_NEW
 * (a newer Ahi Desk wrote it), CORRUPT (ours, but damaged), INVALID_STATE
 * (no business in it, or the live database is still open), INVALID_INPUT
 * (a backup onto the live file itself), SQLITE, or a G_IO_ERROR for the
 * file system (G_IO_ERROR_NOT_FOUND for a missing file or folder).
 */
#pragma once

#include <gio/gio.h>

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* The extension of backup files, for the file chooser's filter. */
#define AHI_BACKUP_SUFFIX ".ahibackup"

/* Writes a consistent copy of store's database to dest_path, replacing a
 * file already there only once the copy is complete. */
gboolean ahi_backup_write   (AhiStore     *store,
                             const char   *dest_path,
                             GError      **error);

/* The daily automatic backup into dir (created if missing): at most one
 * per local day of the business, named ahi-<tenant>-YYYY-MM-DD.ahibackup.
 * Afterwards only the newest keep (≥ 1) backups of this tenant remain;
 * other files in dir, other tenants' backups among them, are left alone.
 * out_path (may be NULL) receives the path written now, or NULL when
 * today's backup existed already (then nothing was written). */
gboolean ahi_backup_auto    (AhiStore     *store,
                             const char   *dir,
                             guint         keep,
                             gint64        now,
                             char        **out_path,
                             GError      **error);

/* Whether path is an Ahi Desk database this version can open (our
 * application id, a schema not newer than ours, integrity_check ok) that
 * holds a business. Reads the file without writing anything, not even a
 * -wal or -shm beside it. out_tenant_id and out_events (may be NULL)
 * receive the business's id and how many events its log holds. */
gboolean ahi_backup_check   (const char   *path,
                             char        **out_tenant_id,
                             gint64       *out_events,
                             GError      **error);

/* Replaces the database at live_path with the backup at backup_path.
 * The caller must have closed every AhiStore on live_path first: a live
 * database still open is refused (INVALID_STATE) and left as it was.
 * The backup is checked, copied beside live_path under a temporary name
 * and checked again; only then are the live database's last changes
 * checkpointed, its stale -wal/-shm removed and the copy renamed over it.
 * A bad backup leaves the live database untouched. The backup may be of
 * another business than the live one (a new laptop): compare the tenant
 * from ahi_backup_check first if that matters. The restored file is the
 * backup byte for byte: its log, its projections and its device id.
 * Blocks. */
gboolean ahi_backup_restore (const char   *backup_path,
                             const char   *live_path,
                             GError      **error);

/* The same on GLib's thread pool, for the UI: a 100k-customer tenant
 * (160 MB) took 2.3 s to write, 2.9 s to check and 4.7 s to restore on
 * the 2-core test machine (3 s, 7 s and 9 s under heavy load). The
 * workers get paths only: the store
 * stays on its thread. Cancelling stops a job that has not started yet;
 * one that has runs to its end, so that a copy is whole or absent. */
void     ahi_backup_write_async    (AhiStore            *store,
                                    const char          *dest_path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean ahi_backup_write_finish   (GAsyncResult        *result,
                                    GError             **error);

void     ahi_backup_auto_async     (AhiStore            *store,
                                    const char          *dir,
                                    guint                keep,
                                    gint64               now,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean ahi_backup_auto_finish    (GAsyncResult        *result,
                                    char               **out_path,
                                    GError             **error);

void     ahi_backup_check_async    (const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean ahi_backup_check_finish   (GAsyncResult        *result,
                                    char               **out_tenant_id,
                                    gint64              *out_events,
                                    GError             **error);

/* The caller closes every AhiStore on live_path before calling this. */
void     ahi_backup_restore_async  (const char          *backup_path,
                                    const char          *live_path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean ahi_backup_restore_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
