/* ahi-snapshot-cache.h — the last Command Center the desk saw
 *
 * Building the snapshot of a big business takes a worker a second or
 * more; the desk should not look at an empty screen meanwhile. The last
 * snapshot shown is kept in the user's cache folder and painted at once
 * on the next start (with its time), while a fresh one is built behind.
 * A cache is input like any other: a damaged or foreign file is ignored.
 */
#pragma once

#include "store/engine/ahi-command-center.h"

G_BEGIN_DECLS

/* The cached snapshot of tenant_id on sector, or NULL (none, damaged, or
 * made for another sector). */
AhiCommandCenter *ahi_snapshot_cache_load (const char       *tenant_id,
                                           const char       *sector);
/* Keeps center as the tenant's last snapshot; failures only warn in the
 * debug log: a cache that cannot be written costs a slower next start. */
void              ahi_snapshot_cache_save (AhiCommandCenter *center);

G_END_DECLS
