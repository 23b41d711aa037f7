/* ahi-push-actors.h — who may act for a pushed event */
#pragma once

#include "ahi-http.h"
#include "store/control/ahi-control.h"
#include "store/sync/ahi-sync-rights.h"
#include "store/sync/ahi-sync-server.h"

G_BEGIN_DECLS

typedef struct {
  AhiRequest *request;   /* the push: its token's user, device and tenant */
  gboolean    desk;      /* the device is registered as a desk device */
} AhiPushActors;

/* An AhiSyncResolveActor; data is an AhiPushActors. */
gboolean ahi_push_actors_resolve (AhiStore        *store,
                                  const AhiEvent  *event,
                                  AhiSyncActor    *out_actor,
                                  const char     **out_code,
                                  char           **out_message,
                                  gpointer         data,
                                  GError         **error);

/* The people of one business as the control database links them, for
 * ahi_sync_check_rights (every append the server makes). */
typedef struct {
  AhiControl    *control;
  char          *tenant_id;
} AhiTenantPeople;

/* An AhiSyncPeople over people (which must outlive it). */
AhiSyncPeople ahi_tenant_people_hooks (AhiTenantPeople *people);

G_END_DECLS
