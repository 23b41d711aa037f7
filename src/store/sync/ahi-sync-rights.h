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

/* What the caller knows of the people an event names, beyond the
 * tenant's database: the server knows which staff row is whose account. */
typedef struct {
  /* The staff row of an actor id that is an account id; NULL when the
   * actor id names no account (it may then be a staff row itself). */
  gboolean (*staff_of_account)  (const char *account_id, char **out_staff_id, gpointer data, GError **error);
  /* The membership role of the account a staff row is linked to; NULL
   * for a row without an account. */
  gboolean (*member_role_of_row) (const char *staff_id, char **out_role, gpointer data, GError **error);
  gpointer   data;
} AhiSyncPeople;

/* AHI_CORE_ERROR_FORBIDDEN when the event's role may not append it
 * (ahi_access_check_write). The actor's staff row is the actor id when
 * that names a staff row, else the row people links to the account
 * (people may be NULL: no account is known); a staff.* event's target
 * role is read from the staff table, its member's role from people. */
gboolean ahi_sync_check_rights (AhiStore             *store,
                                const AhiEvent       *event,
                                const AhiSyncPeople  *people,
                                GError              **error);

G_END_DECLS
