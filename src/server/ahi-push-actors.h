/* ahi-push-actors.h — who may act for a pushed event */
#pragma once

#include "ahi-http.h"
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

G_END_DECLS
