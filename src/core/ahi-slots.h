/* ahi-slots.h — free slots and double-booking checks, pure maths
 *
 * Everything here is unix seconds and half-open intervals [start, end):
 * a booking that ends at 10:00 and one that starts at 10:00 do not
 * overlap. No SQLite and no clock: src/store/ahi-slot-query.c loads a
 * day of the tenant into an AhiSlotRequest and asks these functions.
 * docs/slots.md is the contract (what blocks a slot, how people are
 * matched, buffers, the grid, determinism).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint64 start;   /* included */
  gint64 end;     /* excluded */
} AhiInterval;

/* ------------------------------------------------------- interval sets
 *
 * An interval set is a GArray of AhiInterval kept sorted by start, with
 * no two members overlapping or touching (touching ones are merged) and
 * no empty member. */

GArray   *ahi_intervals_new        (void);
/* Adds [start, end) and merges; an empty interval (end <= start) is ignored. */
void      ahi_intervals_add        (GArray       *set,
                                    gint64        start,
                                    gint64        end);
/* A new set: what of set is not in remove. */
GArray   *ahi_intervals_subtract   (const GArray *set,
                                    const GArray *remove);
/* A new set: what is in both. */
GArray   *ahi_intervals_intersect  (const GArray *a,
                                    const GArray *b);
/* Whether [start, end) lies inside one member of set. */
gboolean  ahi_intervals_contains   (const GArray *set,
                                    gint64        start,
                                    gint64        end);
/* Whether two half-open intervals share an instant (touching ones do not). */
gboolean  ahi_interval_overlaps    (gint64        a_start,
                                    gint64        a_end,
                                    gint64        b_start,
                                    gint64        b_end);

/* ------------------------------------------------------------- results */

typedef struct {
  char   *service_id;
  gint64  starts_at;
  gint64  ends_at;
  char   *staff_id;       /* NULL when the service needs no person */
  GStrv   resource_ids;   /* one per thing kind, in the service's kind order; never NULL */
} AhiSlotItem;

typedef struct {
  gint64       starts_at;  /* start of the first item */
  gint64       ends_at;    /* end of the last item */
  guint        n_items;
  AhiSlotItem *items;      /* the services, in the order asked */
} AhiSlot;

void      ahi_slot_free            (AhiSlot      *slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiSlot, ahi_slot_free)

/* ------------------------------------------------------------- request */

typedef struct _AhiSlotRequest AhiSlotRequest;

/* A request for one day. Candidate starts of ahi_slots_search() are
 * origin + k × step_seconds (origin: the day's local midnight);
 * buffer_seconds must stay free between two bookings of one staff
 * member or resource. */
AhiSlotRequest *ahi_slot_request_new  (gint64          origin,
                                       gint64          step_seconds,
                                       gint64          buffer_seconds);
void      ahi_slot_request_free          (AhiSlotRequest *self);

/* Opening intervals of the day, and closures taken out of them. */
void      ahi_slot_request_add_opening   (AhiSlotRequest *self,
                                          gint64          start,
                                          gint64          end);
void      ahi_slot_request_add_closure   (AhiSlotRequest *self,
                                          gint64          start,
                                          gint64          end);

/* A thing (chair, room, lift, device). Its kind makes the kind a thing
 * kind, in service or not. */
void      ahi_slot_request_add_resource  (AhiSlotRequest     *self,
                                          const char         *resource_id,
                                          const char         *kind,
                                          gboolean            in_service);
/* A person who can be booked; skills are the person kinds they cover
 * (NULL-terminated, may be NULL). */
void      ahi_slot_request_add_staff     (AhiSlotRequest     *self,
                                          const char         *staff_id,
                                          const char * const *skills);
/* Working intervals and absences (breaks, leave, sick) of a staff member
 * added before. */
void      ahi_slot_request_add_staff_hours   (AhiSlotRequest *self,
                                              const char     *staff_id,
                                              gint64          start,
                                              gint64          end);
void      ahi_slot_request_add_staff_absence (AhiSlotRequest *self,
                                              const char     *staff_id,
                                              gint64          start,
                                              gint64          end);

/* What existing appointments hold: a staff member or a resource for an
 * interval. The id need not have been added as staff or resource. */
void      ahi_slot_request_add_staff_booking    (AhiSlotRequest *self,
                                                 const char     *staff_id,
                                                 const char     *appointment_id,
                                                 gint64          start,
                                                 gint64          end);
void      ahi_slot_request_add_resource_booking (AhiSlotRequest *self,
                                                 const char     *resource_id,
                                                 const char     *appointment_id,
                                                 gint64          start,
                                                 gint64          end);

/* The services to book, one after the other for one customer, in the
 * order added; kinds as the service's resource_kinds (NULL-terminated). */
void      ahi_slot_request_add_service   (AhiSlotRequest     *self,
                                          const char         *service_id,
                                          gint64              duration_seconds,
                                          const char * const *kinds);

/* -------------------------------------------------------------- search */

/* Every grid start at or after not_before where the services fit, as
 * AhiSlot, earliest first; empty when none. */
GPtrArray *ahi_slots_search      (AhiSlotRequest *self,
                                  gint64          not_before);
/* Walk-ins: the earliest start at or after not_before where the services
 * fit, on the grid or not (not_before itself, or the instant something
 * becomes free); NULL when nothing fits in the request's opening hours. */
AhiSlot   *ahi_slots_first_fit   (AhiSlotRequest *self,
                                  gint64          not_before);

/* ---------------------------------------------------- double booking */

/* What a proposed appointment item holds. */
typedef struct {
  gint64              starts_at;
  gint64              ends_at;
  const char         *staff_id;      /* NULL: nobody */
  const char * const *resource_ids;  /* NULL-terminated; NULL: nothing */
  const char         *service_id;    /* for ahi_slots_check_rules; NULL: no service rules */
} AhiSlotHold;

/* The id of the first existing appointment that holds a staff member or
 * resource of holds at an overlapping time, ignoring the appointment
 * ignore_appointment_id (may be NULL); NULL when there is none. Buffers,
 * hours and service do not count here: only a real double booking. The
 * string belongs to self. */
const char *ahi_slots_find_conflict (AhiSlotRequest    *self,
                                     const AhiSlotHold *holds,
                                     guint              n_holds,
                                     const char        *ignore_appointment_id);

/* ------------------------------------------------------ booking rules */

/* The rule of the day a proposed booking breaks, first one first. */
typedef enum {
  AHI_SLOT_RULE_OK,
  AHI_SLOT_RULE_OUTSIDE_OPENING,        /* not inside one opening interval, or a closed day */
  AHI_SLOT_RULE_STAFF_UNAVAILABLE,      /* the person named is not working, absent, inactive or unskilled */
  AHI_SLOT_RULE_RESOURCE_OUT_OF_SERVICE,
} AhiSlotRule;

/* Whether holds (the items of one appointment, each with its service)
 * keep the rules ahi_slots_search offers by, bookings and buffers aside:
 * the whole run [first start, last end) lies inside one open interval;
 * each staff member an item names is one of the request's, covers the
 * service's person kinds and works all of [start, end) (hours less
 * absences); no resource named is out of service. out_index (may be
 * NULL) receives the index of the item that breaks the rule (0 for the
 * opening). Items whose service_id is not one of the request's services
 * skip the service's kinds. */
AhiSlotRule ahi_slots_check_rules   (AhiSlotRequest    *self,
                                     const AhiSlotHold *holds,
                                     guint              n_holds,
                                     guint             *out_index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiSlotRequest, ahi_slot_request_free)

G_END_DECLS
