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

#include "core/ahi-access.h"
#include "core/ahi-blueprint.h"
#include "store/engine/ahi-command-center.h"
#include "store/query/ahi-desk-status.h"
#include "store/ahi-desk-user.h"
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
/* The name of the one at the desk, for the header. */
const char       *ahi_context_get_actor_name     (AhiContext    *self);
/* What the one at the desk may write, read from the one write table
 * (core/ahi-access.h) that the server enforces: an action whose events
 * their role may not append is not offered. */
gboolean          ahi_context_actor_may_append   (AhiContext    *self,
                                                  const char    *type);
/* The same for every type of types (char*): an action that appends
 * several. An empty list may be appended by anyone. */
gboolean          ahi_context_actor_may_append_all (AhiContext  *self,
                                                    GPtrArray   *types);
/* The people's roles (owner, manager, staff) that may append every type
 * of types: whom the desk names when it does not offer an action. */
AhiRole           ahi_context_roles_may_append_all (GPtrArray   *types);
/* What the one at the desk may read (ahi_access_read_scope of their
 * role): views narrow what they show by it, per person, while what the
 * app keeps (the cached snapshot) stays whole. */
AhiReadScope      ahi_context_actor_read_scope   (AhiContext    *self);
/* Whether the one at the desk is an owner or a manager: they restore
 * backups (a rule of the app's, not an event). */
gboolean          ahi_context_actor_is_manager   (AhiContext    *self);
/* Whether the one at the desk may set user's PIN: the write table's rule
 * for the staff.updated event that would carry it (their own, an owner
 * anyone's, a manager a staff member's), asked before offering it. */
gboolean          ahi_context_actor_may_set_pin  (AhiContext    *self,
                                                  const AhiDeskUser *user);

/* The business's active staff (AhiDeskUser*), owners first. */
GPtrArray        *ahi_context_list_users         (AhiContext    *self,
                                                  GError       **error);

/* Checks staff_id's PIN off the main thread (Argon2id) and, when it
 * matches, makes them the one at the desk with their role; "changed"
 * follows. A wrong PIN is AHI_STORE_ERROR_WRONG_PIN and changes nothing. */
void              ahi_context_switch_user_async  (AhiContext          *self,
                                                  const char          *staff_id,
                                                  const char          *pin,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_switch_user_finish (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Sets staff_id's PIN (the hash off the main thread), acted by the one at
 * the desk: a staff.updated event. FORBIDDEN when their role may not. */
void              ahi_context_set_pin_async      (AhiContext          *self,
                                                  const char          *staff_id,
                                                  const char          *pin,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_set_pin_finish     (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

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

/* ---- acting with undo (ahi-context-undo.c), on the worker. */

/* As ahi_context_act_async; the result keeps the ids of the events
 * appended (char*, in log order, empty when nothing was left to do). */
void              ahi_context_act_full_async     (AhiContext          *self,
                                                  const char          *kind,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_act_full_finish    (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  GPtrArray          **out_event_ids,
                                                  GError             **error);
/* Takes back the action whose events were event_ids
 * (ahi_command_center_undo), acted by the one at the desk now; the
 * result is the number of events appended. Emits "changed" when they are
 * in. INVALID_STATE when it cannot be undone (a message was sent). */
void              ahi_context_undo_async         (AhiContext          *self,
                                                  GPtrArray           *event_ids,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_undo_finish        (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  guint               *n_events,
                                                  GError             **error);

/* The owner's setting: the business runs on another sector's blueprint
 * from now on (an event). Emits "changed" at once. FORBIDDEN, and nothing
 * written, when the one at the desk may not append blueprint.updated. */
gboolean          ahi_context_change_sector      (AhiContext    *self,
                                                  const char    *sector,
                                                  GError       **error);

/* Reads the status and blueprint again and emits "changed"; for writes
 * made elsewhere. */
gboolean          ahi_context_reload             (AhiContext    *self,
                                                  GError       **error);

/* ---- customers (ahi-context-customers.c), read on the worker. */

/* What typed finds (ahi_customer_search: folded, every word a prefix, best
 * first), or the first page of the customer list in creation order when
 * typed is NULL or has nothing searchable in it. At most limit rows, as a
 * GListModel of AhiCustomerItem; out_has_more (may be NULL) tells whether
 * more were left out. Cancel the search before starting the next: a
 * cancelled one never reaches the database once it is behind another
 * job, and finishes with G_IO_ERROR_CANCELLED. */
void              ahi_context_search_customers_async  (AhiContext          *self,
                                                       const char          *typed,
                                                       guint                limit,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GListModel       *ahi_context_search_customers_finish (AhiContext          *self,
                                                       GAsyncResult        *result,
                                                       gboolean            *out_has_more,
                                                       GError             **error);

/* ---- backups (ahi-context-backup.c). Each copy runs on a worker; the
 * business stays usable meanwhile. */

/* Writes a consistent copy of the business to path. */
void              ahi_context_back_up_async      (AhiContext          *self,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_back_up_finish     (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The daily automatic backup into dir, keeping the newest keep; at most
 * one per local day of the business (ahi_backup_auto). out_path gets the
 * file written now, or NULL when today's existed already. */
void              ahi_context_auto_back_up_async (AhiContext          *self,
                                                  const char          *dir,
                                                  guint                keep,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          ahi_context_auto_back_up_finish (AhiContext         *self,
                                                   GAsyncResult       *result,
                                                   char              **out_path,
                                                   GError            **error);

/* Whether the file at path can be restored (ahi_backup_check, on a
 * worker): out_tenant_id and out_events (may be NULL) tell whose
 * business it holds and how many events. */
void              ahi_context_check_backup_async  (AhiContext         *self,
                                                   const char         *path,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
gboolean          ahi_context_check_backup_finish (AhiContext         *self,
                                                   GAsyncResult       *result,
                                                   char              **out_tenant_id,
                                                   gint64             *out_events,
                                                   GError            **error);

/* Replaces the business with the backup at path: closes this context's
 * connections, restores onto the live file (ahi_backup_restore) on a
 * worker and opens it again. The result is a new context on the restored
 * business (with this one's fixed "now"); this one stays closed and only
 * its getters still answer. On failure the live business is untouched
 * and this context is open again as before. */
void              ahi_context_restore_async      (AhiContext          *self,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AhiContext       *ahi_context_restore_finish     (AhiContext          *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
