/* ahi-sync-snapshot.h — the copy of a tenant database a new device
 * bootstraps from (DESIGN §4, "Bootstrap")
 *
 * A consistent copy made with VACUUM INTO beside the live writers, then
 * scoped in the copy alone: the server's own bookkeeping (sync devices
 * and answers, the health-read audit, the server's device id) is emptied,
 * and for a role that may not read them the health notes leave the log,
 * its personal-data side table and the notes projection. The live
 * database is only read. Thread-safe: it opens its own connections, so
 * the server runs it on a worker while the main loop serves.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes the copy of the tenant database at db_path to target, which must
 * not exist (AHI_STORE_ERROR_CONFLICT when it does; that file is left
 * alone). out_cursor receives the copy's own last log seq: the device
 * pulls after it. Without health_notes the health notes are left out;
 * without pin_hashes (a device that is no desk) every staff PIN hash, and
 * a change of nothing but a PIN whole.
 * out_patients (may be NULL) receives the customers whose health notes the
 * copy holds, sorted (an empty array when none): whoever serves the copy
 * records that read. On any error nothing is left at target. */
gboolean ahi_sync_snapshot_write (const char  *db_path,
                                  const char  *target,
                                  gboolean     health_notes,
                                  gboolean     pin_hashes,
                                  gint64      *out_cursor,
                                  GStrv       *out_patients,
                                  GError     **error);

G_END_DECLS
