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
} AhiPeopleWrite;

/* A new event of write->type for entity_id (NULL: the client's id from
 * the body, else a new one) with the body's fields, not yet validated:
 * the caller adds what the path says, then calls ahi_people_append. A
 * client-named entity gets an event id derived from it, so the same
 * create sent twice is one event. */
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
 * log held the event already (a retried create), so nothing changed. */
gboolean    ahi_people_append       (AhiStore              *store,
                                     const AhiPeopleWrite  *write,
                                     AhiEvent              *event,
                                     gboolean              *out_duplicate,
                                     GError               **error);

/* A write with nothing to add between the body and the append: the event
 * for entity_id (NULL: a creation) made, checked and appended, then the
 * entity as read makes it is the answer: 201 for a new one, 200 for a
 * change or a retried create. The caller checked the path first. */
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
