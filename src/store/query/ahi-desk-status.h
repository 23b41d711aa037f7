/* ahi-desk-status.h — what the app's header and title tell at a glance
 *
 * The business's name and sector, the changes this device made that no
 * server has accepted yet, and the open ops alerts: read together, in one
 * snapshot, so the header never shows a name from before a change and a
 * count from after it.
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *name;            /* the business's name */
  char   *sector;          /* the blueprint id it runs on */
  char   *tenant_id;
  guint64 pending_events;  /* this device's events no server accepted yet */
  guint64 open_alerts;     /* ops alerts not resolved */
} AhiDeskStatus;

void           ahi_desk_status_free (AhiDeskStatus *status);

/* AHI_STORE_ERROR_INVALID_STATE before the business exists. */
AhiDeskStatus *ahi_desk_status_read (AhiStore      *store,
                                     GError       **error);

/* The sector change an owner makes in the settings: a blueprint.updated
 * event keeping the tenant's overrides out (a new sector starts from its
 * shipped blueprint), acted by actor. Unknown sectors are refused by the
 * event's validation; changing to the current sector appends nothing. */
gboolean       ahi_desk_change_sector (AhiStore    *store,
                                       const char  *sector,
                                       const char  *actor_user_id,
                                       const char  *actor_role,
                                       gint64       now,
                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiDeskStatus, ahi_desk_status_free)

G_END_DECLS
