/* ahi-context.h — what the views of one open business share
 *
 * The context owns the business's store and hands the views what they
 * show: the blueprint, the desk status, the Command Center snapshot, who
 * is at the desk. Views never run SQL: they ask the context, which reads
 * through the store's queries — the long ones (the Command Center on a
 * big tenant, an action's batch) on a worker thread with a connection of
 * its own, so the window never freezes — and writes through the store's
 * one append path. "changed" tells the views to ask again.
 */
#pragma once

#include <gio/gio.h>

#include "core/ahi-blueprint.h"
#include "store/ahi-command-center.h"
#include "store/ahi-desk-status.h"
#include "store/ahi-store.h"

G_BEGIN_DECLS

#define AHI_TYPE_CONTEXT (ahi_context_get_type ())
G_DECLARE_FINAL_TYPE (AhiContext, ahi_context, AHI, CONTEXT, GObject)

/* The store must hold a business. The owner is at the desk first. */
AhiContext       *ahi_context_new                (AhiStore      *store,
                                                  GError       **error);

AhiStore         *ahi_context_get_store          (AhiContext    *self);
AhiBlueprint     *ahi_context_get_blueprint      (AhiContext    *self);
const AhiDeskStatus *ahi_context_get_status      (AhiContext    *self);

/* "Now" for every figure: the wall clock, or a fixed instant (tests,
 * screenshots) when set to non-zero. */
gint64            ahi_context_now                (AhiContext    *self);
void              ahi_context_set_now            (AhiContext    *self,
                                                  gint64         now);

/* Who is at the desk: every event the app appends names them. */
const char       *ahi_context_get_actor_id       (AhiContext    *self);
const char       *ahi_context_get_actor_role     (AhiContext    *self);
void              ahi_context_set_actor          (AhiContext    *self,
                                                  const char    *user_id,
                                                  const char    *role);
/* Whether the one at the desk may do what only an owner may (the sector,
 * users); what a role may not do is not offered. */
gboolean          ahi_context_actor_is_owner     (AhiContext    *self);

/* The Command Center snapshot at ahi_context_now, built on a worker. */
void              ahi_context_load_command_center_async  (AhiContext          *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
AhiCommandCenter *ahi_context_load_command_center_finish (AhiContext          *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Does what the card of kind proposes, on a worker; the result is the
 * number of events appended. Emits "changed" when they are in. */
void              ahi_context_act_async          (AhiContext          *self,
                                                  const char          *kind,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_act_finish         (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  guint               *n_events,
                                                  GError             **error);

/* The owner's setting: the business runs on another sector's blueprint
 * from now on (an event). Emits "changed" at once. */
gboolean          ahi_context_change_sector      (AhiContext    *self,
                                                  const char    *sector,
                                                  GError       **error);

/* Reads the status and blueprint again and emits "changed"; for writes
 * made elsewhere. */
gboolean          ahi_context_reload             (AhiContext    *self,
                                                  GError       **error);

G_END_DECLS
