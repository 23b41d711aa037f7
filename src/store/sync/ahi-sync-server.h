/* ahi-sync-server.h — the server's side of sync push and pull (DESIGN §4)
 *
 * Push: a device sends its events in device_seq order. The server keeps
 * the last seq it processed per device. seq <= last is a duplicate and
 * gets its stored answer again; seq > last + 1 is a gap and the batch
 * stops there, naming the seq expected; seq == last + 1 is appended
 * through the store's one write path, and its answer and the new last are
 * written in the same transaction. A permanent rejection still advances
 * last (a queue never stalls on one bad event); a transient failure does
 * not and aborts the batch. Pull: events after a cursor, paged, with the
 * device's last seq and its answers, read in one snapshot.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-store.h"
#include "store/sync/ahi-sync-rights.h"

G_BEGIN_DECLS

/* One pushed event: decoded, or the reason it could not be. */
typedef struct {
  gint64    device_seq;   /* >= 1 */
  char     *event_id;     /* as sent; NULL when it was not a string */
  AhiEvent *event;        /* NULL when decoding failed */
  GError   *error;        /* why decoding failed, else NULL */
} AhiSyncItem;

/* Decodes one pushed JSON event strictly. A malformed event still gives an
 * item (with error set) when its device_seq can be read; NULL with error
 * when it cannot (not an object, no integer device_seq >= 1). */
AhiSyncItem *ahi_sync_item_new_from_node (JsonNode        *node,
                                          GError         **error);
/* Takes event (and sets device_seq and event_id from it). */
AhiSyncItem *ahi_sync_item_new_for_event (AhiEvent        *event);
void         ahi_sync_item_free          (AhiSyncItem     *item);

/* Who acts for an event, in the server's view (DESIGN §5a): the role is
 * the server's, never the event's claim. Strings are owned. */
typedef struct {
  char     *role;              /* owner | manager | staff */
} AhiSyncActor;

void         ahi_sync_actor_clear        (AhiSyncActor    *actor);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AhiSyncActor, ahi_sync_actor_clear)

/* Resolves the actor of event: fills out_actor, or sets out_code (static,
 * e.g. "wrong_actor") and out_message (allocated) to refuse it. FALSE
 * with error only when the lookup itself failed (a transient failure). */
typedef gboolean (*AhiSyncResolveActor) (AhiStore        *store,
                                         const AhiEvent  *event,
                                         AhiSyncActor    *out_actor,
                                         const char     **out_code,
                                         char           **out_message,
                                         gpointer         data,
                                         GError         **error);

typedef struct {
  AhiSyncResolveActor   resolve;
  gpointer              data;
  /* Who is who beyond the tenant's database, for the write table (NULL:
   * no accounts are known); the same the server's appends are checked
   * with (ahi_sync_check_rights). */
  const AhiSyncPeople  *people;
} AhiSyncActors;

/* The resolver of a store without accounts (tests, tools): user_id acts in
 * role; any other actor must be a staff row of this business and acts in
 * that row's role. data is an AhiSyncLocalActors. */
typedef struct {
  const char *user_id;
  const char *role;
} AhiSyncLocalActors;

gboolean     ahi_sync_resolve_local_actor (AhiStore        *store,
                                           const AhiEvent  *event,
                                           AhiSyncActor    *out_actor,
                                           const char     **out_code,
                                           char           **out_message,
                                           gpointer         data,
                                           GError         **error);

/* The role and linked state of a staff row (role NULL when there is no
 * such row), for resolvers. */
gboolean     ahi_sync_staff_role          (AhiStore        *store,
                                           const char      *staff_id,
                                           char           **out_role,
                                           GError         **error);

/* Pushes items (AhiSyncItem*) of device_id, in order. Each event's actor
 * is resolved by actors: one it refuses is rejected with its code
 * (e.g. "wrong_actor"); a claimed actor_role that is not the resolved
 * role is "wrong_actor"; a system event is "wrong_actor" (only the
 * server makes them); an event the actor's role may not append
 * (ahi_access_check_write) is "forbidden". out_answers receives one
 * answer per item processed, {device_seq, event_id, status,
 * server_seq?, code?, message?, conflict_id?}; out_expected_seq the seq
 * the server waits for when a gap stopped the batch, else 0. FALSE with
 * error only on a transient failure (AHI_STORE_ERROR_SQLITE): the items
 * before it stay processed, the rest are not. */
gboolean     ahi_sync_push_items         (AhiStore             *store,
                                          const char           *device_id,
                                          const AhiSyncActors  *actors,
                                          GPtrArray            *items,
                                          JsonArray           **out_answers,
                                          gint64               *out_expected_seq,
                                          GError              **error);
/* The same for decoded events (AhiEvent*, copied). */
gboolean     ahi_sync_push               (AhiStore             *store,
                                          const char           *device_id,
                                          const AhiSyncActors  *actors,
                                          GPtrArray            *events,
                                          JsonArray           **out_answers,
                                          gint64               *out_expected_seq,
                                          GError              **error);
/* One page of the tenant's log after the cursor after (a log seq), up to
 * limit events, each with its server_seq and received_at; "has_more",
 * "cursor" (the last seq returned, or after), the device's "last_seq" and
 * its "answers": the accepted ones whose server_seq is in (after, cursor]
 * and every rejected one it has not retired (ahi_sync_ack). The caller
 * refuses a cursor beyond the log.
 * Without health_notes, the health notes (crm.note.created of kind
 * "health") are left out of the page, the cursor moving past them: a role
 * that may not read them never receives them (DESIGN §4, scope).
 * Without pin_hashes (a device that is no desk), staff PIN hashes are
 * left out of the events that carry them, and a change of nothing but a
 * PIN is left out whole. */
JsonObject  *ahi_sync_pull               (AhiStore        *store,
                                          const char      *device_id,
                                          gint64           after,
                                          guint            limit,
                                          gboolean         health_notes,
                                          gboolean         pin_hashes,
                                          GError         **error);

/* The customers whose health notes a pull page carries (each once, in
 * page order): whoever serves the page records that read. */
GStrv        ahi_sync_page_health_patients (JsonObject    *page);

/* Retires device_id's rejected answers up to up_to_seq: pull stops
 * sending them (a duplicate push still gets them back). Never goes back;
 * out_acked_seq receives the device's retired seq after the call.
 * AHI_STORE_ERROR_INVALID_STATE for a seq the server has not processed. */
gboolean     ahi_sync_ack                (AhiStore        *store,
                                          const char      *device_id,
                                          gint64           up_to_seq,
                                          gint64          *out_acked_seq,
                                          GError         **error);

/* The AhiStoreCheck the server installs for appends that bring no check
 * of their own (its own writers: sign-up, the demo): the double booking
 * only (ahi_booking_check_busy). Client writes — the REST routes and the
 * push — meet the whole booking check (ahi_booking_check) for the
 * caller's role at the server's time. */
gboolean     ahi_sync_check_booking      (AhiStore        *store,
                                          const AhiEvent  *event,
                                          gpointer         data,
                                          GError         **error);
/* The appointment id a RESOURCE_BUSY error names (newly allocated), or
 * NULL for any other error. */
char        *ahi_sync_error_conflict_id  (const GError    *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiSyncItem, ahi_sync_item_free)

G_END_DECLS
