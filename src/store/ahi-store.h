/* ahi-store.h — one tenant's database and its single write path
 *
 * Every change goes through ahi_store_append: validate → append to the
 * log → reduce into the projections, in one transaction, so no change
 * exists without its event and a refused event leaves nothing behind.
 * Appending an event the log already holds is a no-op that succeeds
 * (idempotency by event id), which sync relies on.
 */
#pragma once

#include <glib-object.h>

#include "store/ahi-db.h"
#include "core/ahi-event.h"

G_BEGIN_DECLS

#define AHI_TYPE_STORE (ahi_store_get_type ())
G_DECLARE_FINAL_TYPE (AhiStore, ahi_store, AHI, STORE, GObject)

/* Registers the store's resources (schema); calls ahi_core_init(). */
void        ahi_store_module_init    (void);

/* Opens or creates the database at path and brings its schema up to date.
 * A database from a newer Ahi Desk, or a file that is not ours, is an
 * error and is left untouched. */
AhiStore   *ahi_store_open           (const char      *path,
                                      GError         **error);

AhiDb      *ahi_store_get_db         (AhiStore        *self);
const char *ahi_store_get_path       (AhiStore        *self);
/* NULL until a tenant.created event was applied. */
const char *ahi_store_get_tenant_id  (AhiStore        *self);
/* This installation's device id, made on first open. */
const char *ahi_store_get_device_id  (AhiStore        *self);

/* Appends one event. out_duplicate (may be NULL) tells whether the log
 * held it already, in which case nothing changed. An event of this device
 * with device_seq 0 gets its number here (and loses it again when it is
 * refused). */
gboolean    ahi_store_append         (AhiStore        *self,
                                      AhiEvent        *event,
                                      gboolean        *out_duplicate,
                                      GError         **error);
/* Appends events in one transaction: all or nothing. Duplicates are
 * skipped; n_applied (may be NULL) counts the new ones. */
gboolean    ahi_store_append_all     (AhiStore        *self,
                                      GPtrArray       *events,
                                      guint           *n_applied,
                                      GError         **error);

/* A new event from this device: a fresh UUIDv7 id, the tenant and this
 * device; its sequence number (device_seq 0 until then) is given when it
 * is appended, so building an event and dropping it leaves no gap. The
 * caller fills the payload. */
AhiEvent   *ahi_store_new_event      (AhiStore        *self,
                                      const char      *type,
                                      const char      *entity_id,
                                      const char      *actor_user_id,
                                      const char      *actor_role,
                                      gint64           occurred_at);

/* A rule the caller enforces on every new event, inside the append's
 * transaction, before the event is logged: the server refuses a booking
 * the day does not allow here (ahi_booking_store_check). An error
 * refuses the event (and its batch). */
typedef gboolean (*AhiStoreCheck) (AhiStore        *store,
                                   const AhiEvent  *event,
                                   gpointer         data,
                                   GError         **error);

void        ahi_store_set_check      (AhiStore        *self,
                                      AhiStoreCheck    check,
                                      gpointer         data);

/* ahi_store_append and ahi_store_append_all with a check of the caller's
 * after the store's own, for writers that know more than the event
 * says: the server's routes judge a booking by the caller's role and the
 * server's clock (ahi_booking_store_check). */
gboolean    ahi_store_append_checked     (AhiStore        *self,
                                          AhiEvent        *event,
                                          AhiStoreCheck    check,
                                          gpointer         data,
                                          gboolean        *out_duplicate,
                                          GError         **error);
gboolean    ahi_store_append_all_checked (AhiStore        *self,
                                          GPtrArray       *events,
                                          AhiStoreCheck    check,
                                          gpointer         data,
                                          guint           *n_applied,
                                          GError         **error);

/* Applies every event of source's log, in order, to this (empty) store.
 * Events whose personal data was erased replay without it. */
gboolean    ahi_store_replay_from    (AhiStore        *self,
                                      AhiStore        *source,
                                      GError         **error);

G_END_DECLS
