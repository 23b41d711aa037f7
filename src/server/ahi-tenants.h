/* ahi-tenants.h — the server's open tenant databases
 *
 * One SQLite file per tenant under DATA_DIR/tenants/: isolation by
 * construction (a query cannot reach another tenant's file). Open files
 * are kept in a small LRU so that a server with many tenants holds a
 * bounded number of descriptors and caches (STACK-NOTES). Each entry also
 * keeps the tenant's last Command Center answer, dropped when the
 * tenant's log grows.
 */
#pragma once

#include "core/ahi-access.h"
#include "store/ahi-store.h"
#include "store/control/ahi-control.h"

G_BEGIN_DECLS

typedef struct _AhiTenants AhiTenants;

/* control (not owned, must outlive it) says who is who for the write
 * table checked on every append. */
AhiTenants *ahi_tenants_new            (const char  *data_dir,
                                        guint        max_open,
                                        AhiControl  *control);
void        ahi_tenants_free           (AhiTenants  *self);

/* The tenant's store; create makes the file when missing, otherwise a
 * missing tenant is AHI_SERVER_ERROR_NOT_FOUND. */
AhiStore   *ahi_tenants_get            (AhiTenants  *self,
                                        const char  *tenant_id,
                                        gboolean     create,
                                        GError     **error);

/* With FALSE every Command Center answer is built afresh (the load
 * benchmark's uncached figures); the cache is on by default. */
void        ahi_tenants_set_command_center_cache (AhiTenants *self,
                                                  gboolean    enabled);

/* The Command Center JSON at now as scope may read it, from the cache
 * (one per scope) while the tenant's log has not grown and the cached
 * answer is younger than max_age seconds. */
char       *ahi_tenants_command_center (AhiTenants  *self,
                                        const char  *tenant_id,
                                        AhiReadScope scope,
                                        gint64       now,
                                        gint64       max_age,
                                        gboolean    *out_cached,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiTenants, ahi_tenants_free)

G_END_DECLS
