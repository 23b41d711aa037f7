/* ahi-people-private.h — what the "people" routes share
 *
 * Customers and notes (ahi-people-routes.c), vehicles and treatment plans
 * (ahi-people-records-routes.c) and staff (ahi-staff-routes.c) all turn a
 * request body into one event the same way (ahi-people-write.c): the
 * body's members are the event's payload and PII fields by name, nothing
 * else is accepted, the catalogue checks them, and the store appends.
 */
#pragma once

#include "ahi-routes-private.h"
#include "core/ahi-event.h"

G_BEGIN_DECLS

/* How a body becomes an event. */
typedef struct {
  const char          *type;       /* "customer.created" */
  /* The member a client may name the new entity with for idempotency
   * ("customer_id"); NULL for changes of an existing entity. */
  const char          *id_member;
  /* Event fields the body may not set: set from the path, or not part of
   * the API (a staff PIN hash). NULL-terminated, may be NULL. */
  const char * const  *not_in_body;
  /* The blueprint's object ("customer", "vehicle") whose required fields
   * the event must set; NULL for none. */
  const char          *required_object;
  /* The member of the answer holding the entity ("customer"). */
  const char          *answer_member;
} AhiPeopleWrite;

/* A new event of write->type for entity_id (NULL: a creation) with the
 * body's fields, not yet validated: the caller adds what the path says,
 * then calls ahi_people_append. The body may hold "event_id" and, for a
 * creation, write->id_member: ahi_route_event_from_body's retry ids. */
AhiEvent   *ahi_people_event_new    (AhiRequest            *request,
                                     AhiStore              *store,
                                     const AhiPeopleWrite  *write,
                                     const char            *entity_id,
                                     JsonObject            *body,
                                     GError               **error);

/* Checks the event against the catalogue (errors name body fields, not
 * payload.…/pii.… paths: 400), then, when write->required_object is
 * given, that it sets every field the business's blueprint requires on
 * that object (422 unprocessable), and appends it. out_duplicate: the
 * log held the event already (a retried write), so nothing changed; the
 * same id for another write is 409 id_reused (ahi_route_append). */
gboolean    ahi_people_append       (AhiStore              *store,
                                     const AhiPeopleWrite  *write,
                                     AhiEvent              *event,
                                     gboolean              *out_duplicate,
                                     GError               **error);

/* A write with nothing to add between the body and the append: the event
 * for entity_id (NULL: a creation) made, checked and appended, then
 * answered as every write is (ahi_route_respond_written) with the entity
 * as read makes it. The caller checked the path first. */
void        ahi_people_write        (AhiRequest            *request,
                                     AhiStore              *store,
                                     const AhiPeopleWrite  *write,
                                     const char            *entity_id,
                                     JsonObject            *body,
                                     AhiRouteRead           read);
/* A POST that creates an entity from its body alone (a customer, a
 * staff member), through ahi_people_write. */
void        ahi_people_create       (AhiRequest            *request,
                                     const AhiPeopleWrite  *write,
                                     AhiRouteRead           read);

/* In healthcare mode health notes are special-category data (KVKK md.
 * 6): the owner and managers read them, front-desk staff do not. The
 * same rule as the sync routes' pull scoping. */
gboolean    ahi_people_may_read_health (AhiStore           *store,
                                        const char         *role);

/* Handlers of the other people files; people_routes in
 * ahi-people-routes.c lists them all with their roles. */
void        ahi_people_vehicles_list   (AhiRequest *request);
void        ahi_people_vehicle_create  (AhiRequest *request);
void        ahi_people_vehicle_update  (AhiRequest *request);
void        ahi_people_plans_list      (AhiRequest *request);
void        ahi_people_plan_create     (AhiRequest *request);
void        ahi_people_plan_step_done  (AhiRequest *request);
void        ahi_people_staff_list      (AhiRequest *request);
void        ahi_people_staff_create    (AhiRequest *request);
void        ahi_people_staff_update    (AhiRequest *request);
void        ahi_people_staff_hours_set (AhiRequest *request);

/* The customer must exist (404) and not be erased (409 invalid_state):
 * vehicles, plans and notes hang off a live customer only. */
gboolean    ahi_people_require_live_customer (AhiStore    *store,
                                              const char  *customer_id,
                                              GError     **error);

G_END_DECLS
