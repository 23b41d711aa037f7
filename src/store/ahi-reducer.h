/* ahi-reducer.h — applies one event to the projection tables
 *
 * The one reducer the app and the server share (DESIGN §3). It runs inside
 * the caller's transaction and reads nothing but the event and the tables:
 * no clock, no randomness, no rowids. It refuses events that break the
 * model (an update of an unknown entity, an appointment for a missing
 * customer, completing a cancelled visit) with an AhiStoreError.
 */
#pragma once

#include "store/ahi-db.h"
#include "core/ahi-event.h"

G_BEGIN_DECLS

gboolean    ahi_reducer_apply        (AhiDb           *db,
                                      const AhiEvent  *event,
                                      GError         **error);

/* The customer an event's personal data is about (for event_pii), newly
 * allocated; NULL when the event has none. */
char       *ahi_reducer_pii_subject  (AhiDb           *db,
                                      const AhiEvent  *event,
                                      GError         **error);

G_END_DECLS
