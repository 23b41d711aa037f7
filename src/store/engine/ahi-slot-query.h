/* ahi-slot-query.h — free slots and double-booking checks on a tenant db
 *
 * Loads one local day of the business (opening hours, closures, staff
 * hours and absences, resources, bookings that are not cancelled, the
 * slot buffer, the services) into an AhiSlotRequest and asks
 * src/core/ahi-slots. The reads run in one snapshot: a read transaction
 * of their own, or the caller's when one is open (the server checks a
 * booking inside its write transaction). docs/slots.md has the rules.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"
#include "core/ahi-slots.h"

G_BEGIN_DECLS

/* Candidate starts are this many minutes apart from local midnight. */
#define AHI_SLOT_STEP_MIN 15

/* The slots (AhiSlot) of the local day year-month-day in the business's
 * zone for service_ids booked in that order, starting at or after
 * not_before (G_MININT64: the whole day). An unknown or inactive service
 * is AHI_STORE_ERROR_NOT_FOUND, a date that does not exist
 * AHI_CORE_ERROR_INVALID_VALUE. */
GPtrArray *ahi_slot_query_day      (AhiDb              *db,
                                    const char * const *service_ids,
                                    int                 year,
                                    int                 month,
                                    int                 day,
                                    gint64              not_before,
                                    GError            **error);

/* A walk-in: the earliest fit for service_ids starting at now or later on
 * now's local day, on the grid or not. NULL with error unset when nothing
 * fits today. */
AhiSlot   *ahi_slot_query_walk_in  (AhiDb              *db,
                                    const char * const *service_ids,
                                    gint64              now,
                                    GError            **error);

/* Whether the appointment.created payload would double-book a staff member
 * or a resource held by an appointment that is not cancelled (other than
 * ignore_appointment_id, may be NULL). On success *out_conflicting_appointment_id
 * is the first such appointment's id (newly allocated), or NULL when there
 * is none. A payload whose items are malformed is an AHI_CORE_ERROR. */
gboolean   ahi_slot_query_conflict (AhiDb              *db,
                                    JsonObject         *appointment_payload,
                                    const char         *ignore_appointment_id,
                                    char              **out_conflicting_appointment_id,
                                    GError            **error);

/* Which rule of the day (docs/slots.md, "Booking rules") the
 * appointment.created payload breaks, read in one snapshot like the
 * other queries: *out_rule is AHI_SLOT_RULE_OK when none, else the first
 * broken, and *out_index (may be NULL) the item that breaks it. Staff,
 * resources and services the business does not have are not judged here
 * (the reducer refuses those references). A payload whose items are
 * malformed is an AHI_CORE_ERROR. */
gboolean   ahi_slot_query_rules    (AhiDb              *db,
                                    JsonObject         *appointment_payload,
                                    AhiSlotRule        *out_rule,
                                    guint              *out_index,
                                    GError            **error);

G_END_DECLS
