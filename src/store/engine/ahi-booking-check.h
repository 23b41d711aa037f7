/* ahi-booking-check.h — the server's one rule for what a booking may take
 *
 * An appointment.created or appointment.moved may not take what
 * GET …/slots never offers: time outside the opening hours or on a closed
 * day, a person who is not working then (hours, breaks, leave), lacks a
 * skill the service needs, or is missing, a resource out of service — and
 * never a person or thing another appointment holds. The REST routes and
 * a pushed event meet the same check, inside the append's transaction
 * (ahi_store_append_checked). docs/slots.md, "Booking rules", is the
 * contract; the override is docs/events.md's.
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* The payload member that books outside the rules of the day, and its one
 * value. */
#define AHI_BOOKING_OVERRIDE_MEMBER        "override"
#define AHI_BOOKING_OVERRIDE_OUTSIDE_HOURS "outside_hours"
/* Staff may override only for a walk-in starting this close to now. */
#define AHI_BOOKING_WALK_IN_WINDOW_MIN     15

/* Whether event may be appended, judged for an actor in role (owner,
 * manager, staff…) at the server's time now. Other event types pass.
 * Refusals, in this order: AHI_STORE_ERROR_RESOURCE_BUSY (the message
 * names the appointment in the way: ahi_booking_error_conflict_id), then
 * AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS, _STAFF_UNAVAILABLE,
 * _RESOURCE_OUT_OF_SERVICE unless the payload's override is one role
 * may use. What the reducer refuses anyway (an unknown appointment,
 * staff member, resource or service) passes here. Reads in the caller's
 * transaction when one is open. */
gboolean    ahi_booking_check              (AhiDb           *db,
                                            const AhiEvent  *event,
                                            const char      *role,
                                            gint64           now,
                                            GError         **error);

/* Only the invariant no role and no clock lifts: the double booking
 * (AHI_STORE_ERROR_RESOURCE_BUSY). What the server's own writers keep
 * (the demo generator, whose people have no hours). */
gboolean    ahi_booking_check_busy         (AhiDb           *db,
                                            const AhiEvent  *event,
                                            GError         **error);

/* Who acts, for ahi_booking_store_check. */
typedef struct {
  const char *role;
  gint64      now;
} AhiBookingActor;

/* An AhiStoreCheck: ahi_booking_check for the AhiBookingActor in data,
 * or only ahi_booking_check_busy when data is NULL (the store's own
 * check on the server, for appends that bring no actor of their own). */
gboolean    ahi_booking_store_check        (AhiStore        *store,
                                            const AhiEvent  *event,
                                            gpointer         data,
                                            GError         **error);

/* The appointment id a RESOURCE_BUSY error names (newly allocated), or
 * NULL for any other error. */
char       *ahi_booking_error_conflict_id  (const GError    *error);

G_END_DECLS
