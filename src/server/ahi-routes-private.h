/* ahi-routes-private.h — what the route files share
 *
 * Each area of the API (ahi-<area>-routes.c) keeps its handlers and its
 * part of the route table together; ahi-routes.c joins the parts. What
 * every area does alike is here, once: reading a request
 * (ahi-route-input.c), turning a body into an event and appending it
 * with the retry rules (ahi-route-write.c), answering with the one shape
 * of every write (ahi-route-answer.c), and staff's money scope
 * (ahi-cash-routes.c).
 */
#pragma once

#include "ahi-http.h"
#include "ahi-routes.h"
#include "core/ahi-event.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

extern const char * const ahi_roles_everyone[];
extern const char * const ahi_roles_managers[];
extern const char * const ahi_roles_owners[];

const AhiRoute *ahi_people_routes        (guint       *n_routes);
const AhiRoute *ahi_visit_routes         (guint       *n_routes);
const AhiRoute *ahi_business_routes      (guint       *n_routes);
const AhiRoute *ahi_account_routes       (guint       *n_routes);
const AhiRoute *ahi_cash_routes          (guint       *n_routes);
const AhiRoute *ahi_hours_routes         (guint       *n_routes);
const AhiRoute *ahi_consent_routes       (guint       *n_routes);
const AhiRoute *ahi_auth_routes          (guint       *n_routes);
const AhiRoute *ahi_tenant_routes        (guint       *n_routes);
const AhiRoute *ahi_sync_routes          (guint       *n_routes);

/* ------------------------- roles and the store (ahi-route-input.c) */

/* The store of the tenant in the path (the route's roles were checked). */
AhiStore       *ahi_route_tenant_store   (AhiRequest  *request,
                                          GError     **error);

/* ------------------------------------ money scope (ahi-cash-routes.c) */

/* The business's current local day (its zone, the server's now):
 * "YYYY-MM-DD" and its [start, end) in unix seconds; each may be NULL. */
void            ahi_route_today          (AhiRequest  *request,
                                          AhiStore    *store,
                                          char       **out_date,
                                          gint64      *out_start,
                                          gint64      *out_end);
/* Staff read money (ledger lines, expected cash, counts) of the current
 * local day only: a period [from, to) beyond it is 403 for them; owners
 * and managers read any. */
gboolean        ahi_route_check_money_scope (AhiRequest  *request,
                                             AhiStore    *store,
                                             gint64       from,
                                             gint64       to,
                                             GError     **error);

/* ---------------------------------------- reading (ahi-route-input.c) */

/* The path's index-th "*" (0 is the tenant) when it is a well-formed id,
 * else NULL. */
const char     *ahi_route_path_id        (AhiRequest  *request,
                                          guint        index);
/* The same as the id of what ("customer", "appointment"), with one rule
 * for every area: anything that is not an id names nothing, so it is 404
 * not_found exactly like an unknown id or another business's id (the
 * text is not echoed: it may be anything a client typed). */
gboolean        ahi_route_path_entity    (AhiRequest  *request,
                                          guint        index,
                                          const char  *what,
                                          const char **out,
                                          GError     **error);
/* A required query parameter holding a UTC time (2026-12-01T00:00:00Z). */
gboolean        ahi_route_query_time     (AhiRequest  *request,
                                          const char  *name,
                                          gint64      *out,
                                          GError     **error);
/* The required from and to times, from not after to. */
gboolean        ahi_route_query_period   (AhiRequest  *request,
                                          gint64      *from,
                                          gint64      *to,
                                          GError     **error);
/* An optional whole number from min to max; fallback when absent. */
gboolean        ahi_route_query_uint     (AhiRequest  *request,
                                          const char  *name,
                                          guint64      min,
                                          guint64      max,
                                          guint64      fallback,
                                          guint64     *out,
                                          GError     **error);
/* An optional "true" or "false"; FALSE when absent. */
gboolean        ahi_route_query_bool     (AhiRequest  *request,
                                          const char  *name,
                                          gboolean    *out,
                                          GError     **error);
/* An optional id; NULL when absent. */
gboolean        ahi_route_query_id       (AhiRequest  *request,
                                          const char  *name,
                                          const char **out,
                                          GError     **error);
/* The body as an object; an empty body reads as {} when allow_empty. */
JsonObject     *ahi_route_read_body      (AhiRequest  *request,
                                          gboolean     allow_empty,
                                          GError     **error);
/* An optional id member of a body (name may be NULL: none): absent, or a
 * lower-case UUID. */
gboolean        ahi_route_body_id        (JsonObject  *body,
                                          const char  *name,
                                          const char **out,
                                          GError     **error);

/* ---------------------------------------- writing (ahi-route-write.c) */

/* A new event of this server's device for the tenant in the path, acted
 * by the caller in their role, occurring now; the caller fills the
 * payload and appends it with ahi_store_append. */
AhiEvent       *ahi_route_new_event      (AhiRequest  *request,
                                          AhiStore    *store,
                                          const char  *type,
                                          const char  *entity_id);
/* Copies the body's members, but those in skip (NULL-terminated, may be
 * NULL), into the event: the personal-data fields of its type into its
 * pii, everything else into its payload, for the catalogue to judge. */
void            ahi_route_fill_event     (AhiEvent           *event,
                                          JsonObject         *body,
                                          const char * const *skip);
/* Checks the event against the catalogue before it is appended, as the
 * append will; errors name the body's member ("phone: …"), not the
 * event's path ("pii.phone: …"). */
gboolean        ahi_route_check_event    (AhiEvent    *event,
                                          GError     **error);

/* The event of a write from its body, for the tenant in the path. The body
 * may carry two optional ids that make a retry safe: "event_id" (a UUID)
 * and, when entity_id is NULL (a creation), id_member naming the new
 * entity ("customer_id"); both are taken out of the payload. The entity
 * is entity_id, else the body's, else derived from the event id, else
 * new; the event id is the body's, else derived from the entity the body
 * named, else new. The body's other members are filled as
 * ahi_route_fill_event does; nothing is checked yet. */
AhiEvent       *ahi_route_event_from_body (AhiRequest  *request,
                                           AhiStore    *store,
                                           const char  *type,
                                           const char  *id_member,
                                           const char  *entity_id,
                                           JsonObject  *body,
                                           GError     **error);
/* ahi_store_append for a REST write. When the log holds the event's id
 * already, out_duplicate says so and the write is a retry only if the
 * logged event is the same write (type, entity, actor, payload, personal
 * data): another one is 409 id_reused, with nothing written. */
gboolean        ahi_route_append         (AhiStore    *store,
                                          AhiEvent    *event,
                                          gboolean    *out_duplicate,
                                          GError     **error);
/* The same with the caller's own check inside the append's transaction
 * (ahi_store_append_checked), e.g. the booking rules for the caller's
 * role. */
gboolean        ahi_route_append_checked (AhiStore       *store,
                                          AhiEvent       *event,
                                          AhiStoreCheck   check,
                                          gpointer        check_data,
                                          gboolean       *out_duplicate,
                                          GError        **error);

/* --------------------------------------- answering (ahi-route-answer.c) */

/* One item of a list as a new JSON object. */
typedef JsonObject *(*AhiRouteToJson) (gconstpointer item);
/* The entity of that id as the answer shows it, read from the tenant's
 * database; NULL with the store's error (NOT_FOUND: 404). */
typedef JsonObject *(*AhiRouteRead)   (AhiDb *db, const char *id, GError **error);

void            ahi_route_respond_object (AhiRequest  *request,
                                          guint        status,
                                          JsonObject  *object);
/* Answers status with the entity read makes of id, as the store holds
 * it now, or with read's error. */
void            ahi_route_respond_read   (AhiRequest    *request,
                                          AhiStore      *store,
                                          guint          status,
                                          const char    *id,
                                          AhiRouteRead   read);
JsonArray      *ahi_route_array_of       (GPtrArray      *items,
                                          AhiRouteToJson  to_json);
/* 200 {member: [items as to_json makes them]}. */
void            ahi_route_respond_list   (AhiRequest     *request,
                                          const char     *member,
                                          GPtrArray      *items,
                                          AhiRouteToJson  to_json);
/* The one answer of every write (docs/api.md): {"event_id": …, member:
 * entity}, entity being what a read of it gives now; NULL leaves member
 * out (the write removed what it names). 201 for a creation that was
 * written now, 200 for a change or a retry the log held already. */
void            ahi_route_respond_written (AhiRequest     *request,
                                           gboolean        created,
                                           gboolean        duplicate,
                                           const AhiEvent *event,
                                           const char     *member,
                                           JsonObject     *entity);
/* The same, with the entity that read makes of the event's entity id. */
void            ahi_route_respond_written_read (AhiRequest     *request,
                                                AhiStore       *store,
                                                gboolean        created,
                                                gboolean        duplicate,
                                                const AhiEvent *event,
                                                const char     *member,
                                                AhiRouteRead    read);
/* Members of answers: a NULL string and a zero time become null. */
void            ahi_route_set_string     (JsonObject  *object,
                                          const char  *name,
                                          const char  *value);
void            ahi_route_set_time       (JsonObject  *object,
                                          const char  *name,
                                          gint64       value);
void            ahi_route_set_strv       (JsonObject  *object,
                                          const char  *name,
                                          char       **values);

G_END_DECLS
