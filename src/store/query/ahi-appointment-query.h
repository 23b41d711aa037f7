/* ahi-appointment-query.h — appointments as the calendar and the API read them
 *
 * One set of reads for the app's calendar and the server's appointment
 * routes: a range of a calendar (optionally one staff member's or one
 * resource's column) and one appointment, each with its items in order.
 * All reads of one call run in one snapshot (ahi_db_snapshot_begin).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"

G_BEGIN_DECLS

/* A range longer than this is refused: a calendar asks a day or a week at
 * a time, and an answer must stay bounded. */
#define AHI_APPOINTMENT_MAX_RANGE (62 * 24 * 3600)

typedef struct {
  char   *service_id;
  char   *service_name;   /* NULL when the service is unknown here */
  char   *staff_id;       /* NULL: nobody */
  gint64  starts_at;
  gint64  ends_at;
  gint64  price_minor;
  GStrv   resource_ids;   /* never NULL; empty once the appointment was cancelled */
} AhiAppointmentItem;

typedef struct {
  char      *appointment_id;
  char      *customer_id;
  char      *customer_name;  /* NULL once the customer was erased */
  gint64     starts_at;
  gint64     ends_at;
  char      *status;         /* booked confirmed arrived completed no_show cancelled */
  char      *source;
  gint64     total_minor;
  char      *vehicle_id;     /* the optional links: NULL when absent */
  char      *plan_step_id;
  char      *campaign_id;
  gint64     late_min;       /* -1 when not recorded */
  char      *cancelled_by;   /* cancellation: NULL / 0 unless cancelled */
  char      *cancel_reason;
  gboolean   late_cancel;
  gint64     cancelled_at;
  char      *created_by;
  gint64     created_at;
  gint64     updated_at;
  GPtrArray *items;          /* AhiAppointmentItem*, in booking order */
} AhiAppointment;

void            ahi_appointment_free        (AhiAppointment  *appointment);

/* Appointments that start in [from, to), every status, earliest first
 * (then by id). staff_id / resource_id (may be NULL) keep only those with
 * an item of that staff member / holding that resource. A range that is
 * empty, reversed or longer than AHI_APPOINTMENT_MAX_RANGE is
 * AHI_CORE_ERROR_OUT_OF_RANGE. */
GPtrArray      *ahi_appointment_query_range (AhiDb           *db,
                                             gint64           from,
                                             gint64           to,
                                             const char      *staff_id,
                                             const char      *resource_id,
                                             GError         **error);

/* One appointment; AHI_STORE_ERROR_NOT_FOUND when there is none. */
AhiAppointment *ahi_appointment_query_get   (AhiDb           *db,
                                             const char      *appointment_id,
                                             GError         **error);

/* {"appointment_id", "customer_id", "customer_name"?, "starts_at", …,
 *  "items":[{"service_id", …, "resource_ids":[…]}]}; times as UTC text,
 *  absent optional members left out (docs/api-visits.md). */
JsonObject     *ahi_appointment_to_json     (const AhiAppointment *appointment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiAppointment, ahi_appointment_free)

G_END_DECLS
