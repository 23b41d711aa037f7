/* ahi-sync-routes.h — the sync routes of the tenant API (docs/api.md, "Sync")
 *
 * Push, pull, bootstrap and ack, over src/store/ahi-sync-server and
 * ahi-sync-snapshot: the route reads and checks the request, the store
 * does the rest.
 */
#pragma once

#include "ahi-http.h"

G_BEGIN_DECLS

/* POST /api/tenant/:id/sync/push */
void ahi_sync_routes_push (AhiRequest *request);
/* GET /api/tenant/:id/sync/pull?after=N&limit=M */
void ahi_sync_routes_pull (AhiRequest *request);
/* GET /api/tenant/:id/sync/bootstrap: a SQLite file, X-Ahi-Cursor */
void ahi_sync_routes_bootstrap (AhiRequest *request);
/* POST /api/tenant/:id/sync/ack */
void ahi_sync_routes_ack  (AhiRequest *request);

G_END_DECLS
