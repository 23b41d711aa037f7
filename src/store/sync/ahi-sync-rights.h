/* ahi-sync-rights.h — the write table, checked on every event the server
 * appends (DESIGN §5a)
 *
 * The push check (ahi_sync_push_items) decides who acts with what the
 * server knows of accounts and desks; this check runs inside every
 * append on the server, REST writes and the server's own events
 * included, so that no path around the table exists. It trusts the
 * event's role: by then the server has set it (REST, its own events) or
 * checked it (push).
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* An AhiStoreCheck: AHI_CORE_ERROR_FORBIDDEN when the event's role may
 * not append it (ahi_access_check_write). The actor's staff row is the
 * actor id when that names a staff row, else the owner's row for an
 * owner; a staff.* event's target role is read from the staff table. */
gboolean ahi_sync_check_rights (AhiStore        *store,
                                const AhiEvent  *event,
                                gpointer         data,
                                GError         **error);

G_END_DECLS
