/* ahi-routes-private.h — what the route files share
 *
 * Each area of the API (ahi-<area>-routes.c) keeps its handlers and its
 * part of the route table together; ahi-routes.c joins the parts.
 */
#pragma once

#include "ahi-http.h"
#include "ahi-routes.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

extern const char * const ahi_roles_everyone[];
extern const char * const ahi_roles_managers[];
extern const char * const ahi_roles_owners[];

const AhiRoute *ahi_people_routes        (guint       *n_routes);
const AhiRoute *ahi_visit_routes         (guint       *n_routes);
const AhiRoute *ahi_business_routes      (guint       *n_routes);

void            ahi_route_respond_object (AhiRequest  *request,
                                          guint        status,
                                          JsonObject  *object);
/* The store of the tenant in the path (the route's roles were checked). */
AhiStore       *ahi_route_tenant_store   (AhiRequest  *request,
                                          GError     **error);
/* A new event of this server's device for the tenant in the path, acted
 * by the caller in their role, occurring now; the caller fills the
 * payload and appends it with ahi_store_append. */
AhiEvent       *ahi_route_new_event      (AhiRequest  *request,
                                          AhiStore    *store,
                                          const char  *type,
                                          const char  *entity_id);
/* A required query parameter holding a UTC time (2026-12-01T00:00:00Z). */
gboolean        ahi_route_query_time     (AhiRequest  *request,
                                          const char  *name,
                                          gint64      *out,
                                          GError     **error);

G_END_DECLS
