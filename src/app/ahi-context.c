/* ahi-context.c — what the views of one open business share */
#include "ahi-context-private.h"

#include <string.h>

#include "ahi-i18n.h"
#include "ahi-words.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "store/ahi-tenant.h"

G_DEFINE_FINAL_TYPE (AhiContext, ahi_context, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- worker */

typedef struct {
  char   *kind;
  char   *actor_id;
  char   *actor_role;
  gint64  now;
} Job;

static void
job_free (Job *job)
{
  g_free (job->kind);
  g_free (job->actor_id);
  g_free (job->actor_role);
  g_free (job);
}

static Job *
job_new (AhiContext *self,
         const char *kind)
{
  Job *job = g_new0 (Job, 1);

  job->kind = g_strdup (kind);
  job->actor_id = g_strdup (self->actor_id);
  job->actor_role = g_strdup (self->actor_role);
  job->now = ahi_context_now (self);
  return job;
}

AhiStore *
_ahi_context_worker_store (AhiContext  *self,
                           GError     **error)
{
  if (g_atomic_int_get (&self->closed))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The business is closed while a backup is restored."));
      return NULL;
    }
  if (self->worker_store == NULL)
    self->worker_store = ahi_store_open (self->path, error);
  return self->worker_store;
}

static void
build_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  AhiContext *self = source;
  Job *job = data;
  GError *error = NULL;
  AhiCommandCenter *center = NULL;
  AhiStore *store;

  g_mutex_lock (&self->worker_lock);
  store = _ahi_context_worker_store (self, &error);
  if (store != NULL)
    center = ahi_command_center_build (store, job->now, &error);
  g_mutex_unlock (&self->worker_lock);

  if (center == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, center, (GDestroyNotify) ahi_command_center_free);
}

static void
act_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  AhiContext *self = source;
  Job *job = data;
  GError *error = NULL;
  guint n_events = 0;
  AhiStore *store;
  gboolean ok = FALSE;

  g_mutex_lock (&self->worker_lock);
  store = _ahi_context_worker_store (self, &error);
  if (store != NULL)
    ok = ahi_command_center_act (store, job->kind, job->actor_id, job->actor_role, job->now, &n_events, &error);
  g_mutex_unlock (&self->worker_lock);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_events);
}

/* --------------------------------------------------------------- helpers */

gboolean
_ahi_context_read_business (AhiContext  *self,
                            GError     **error)
{
  g_autoptr(AhiDeskStatus) status = NULL;
  g_autoptr(AhiBlueprint) blueprint = NULL;

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The business is closed while a backup is restored."));
      return FALSE;
    }
  status = ahi_desk_status_read (self->store, error);
  if (status == NULL)
    return FALSE;
  blueprint = ahi_tenant_load_blueprint (ahi_store_get_db (self->store), error);
  if (blueprint == NULL)
    return FALSE;
  g_clear_pointer (&self->status, ahi_desk_status_free);
  self->status = g_steal_pointer (&status);
  g_set_object (&self->blueprint, blueprint);
  return TRUE;
}

/* The actor's name from the staff list; their role's word when they are
 * not in it (a departed member's events still name them by id). */
static void
update_actor_name (AhiContext *self)
{
  g_autoptr(GPtrArray) users = NULL;

  g_clear_pointer (&self->actor_name, g_free);
  if (self->store != NULL)
    users = ahi_desk_users_list (ahi_store_get_db (self->store), NULL);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      const AhiDeskUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->staff_id, self->actor_id) == 0)
        {
          self->actor_name = g_strdup (user->display_name);
          return;
        }
    }
  self->actor_name = g_strdup (g_strcmp0 (self->actor_role, "owner") == 0 ? _("Owner") :
                               g_strcmp0 (self->actor_role, "manager") == 0 ? _("Manager") : _("Staff member"));
}

void
_ahi_context_emit_changed (AhiContext *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ------------------------------------------------------------- callbacks */

static void
on_pin_verified_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  AhiContext *self = g_task_get_source_object (task);
  const char *staff_id = g_task_get_task_data (task);
  g_autoptr(GPtrArray) users = NULL;
  GError *error = NULL;

  if (!ahi_desk_user_verify_pin_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The role comes from the staff list as it is now, not as the switcher
   * showed it. */
  users = ahi_context_list_users (self, &error);
  if (users == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    {
      const AhiDeskUser *user = g_ptr_array_index (users, i);

      if (g_strcmp0 (user->staff_id, staff_id) == 0)
        {
          ahi_context_set_actor (self, user->staff_id, user->role);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }
  g_task_return_new_error (task, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                           "No staff member %s works here", staff_id);
}

typedef struct {
  char     *staff_id;
  char     *pin;
} PinChange;

static void
pin_change_free (PinChange *change)
{
  /* The PIN was ours to copy: leave no trace of it in freed memory. */
  if (change->pin != NULL)
    memset (change->pin, 0, strlen (change->pin));
  g_free (change->pin);
  g_free (change->staff_id);
  g_free (change);
}

static void on_pin_set_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      data);

static void
start_pin_change (AhiContext *self,
                  GTask      *task)
{
  PinChange *change = g_task_get_task_data (task);

  /* The store hashes on the pool and appends the staff.updated event
   * back on this thread, through the main connection. */
  ahi_desk_user_set_pin_event_async (self->store, change->staff_id, change->pin, self->actor_id, self->actor_role,
                                     ahi_context_now (self), g_task_get_cancellable (task), on_pin_set_cb, task);
}

static void
on_pin_set_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  AhiContext *self = g_task_get_source_object (task);
  g_autoptr(AhiEvent) event = NULL;
  GError *error = NULL;

  event = ahi_desk_user_set_pin_event_finish (AHI_STORE (source), result, &error);
  if (event == NULL || !_ahi_context_read_business (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _ahi_context_emit_changed (self);
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------- overrides */

static void
ahi_context_finalize (GObject *object)
{
  AhiContext *self = AHI_CONTEXT (object);

  g_clear_object (&self->worker_store);
  g_mutex_clear (&self->worker_lock);
  g_mutex_clear (&self->backup_lock);
  g_clear_object (&self->store);
  g_free (self->path);
  g_clear_object (&self->blueprint);
  g_clear_pointer (&self->status, ahi_desk_status_free);
  g_free (self->actor_id);
  g_free (self->actor_role);
  g_free (self->actor_name);

  G_OBJECT_CLASS (ahi_context_parent_class)->finalize (object);
}

static void
ahi_context_class_init (AhiContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ahi_context_finalize;

  /* The business changed (an event was appended): ask again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ahi_context_init (AhiContext *self)
{
  g_mutex_init (&self->worker_lock);
  g_mutex_init (&self->backup_lock);
}

/* ------------------------------------------------------------ public API */

AhiContext *
ahi_context_new (AhiStore  *store,
                 GError   **error)
{
  g_autoptr(AhiContext) self = NULL;

  g_return_val_if_fail (AHI_IS_STORE (store), NULL);

  self = g_object_new (AHI_TYPE_CONTEXT, NULL);
  self->store = g_object_ref (store);
  self->path = g_strdup (ahi_store_get_path (store));
  if (!_ahi_context_read_business (self, error))
    return NULL;
  self->actor_id = ahi_tenant_owner_id (self->status->tenant_id);
  self->actor_role = g_strdup ("owner");
  update_actor_name (self);
  return g_steal_pointer (&self);
}

AhiStore *
ahi_context_get_store (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->store;
}

AhiBlueprint *
ahi_context_get_blueprint (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->blueprint;
}

const AhiDeskStatus *
ahi_context_get_status (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->status;
}

gint64
ahi_context_now (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), 0);
  return self->fixed_now != 0 ? self->fixed_now : g_get_real_time () / G_USEC_PER_SEC;
}

void
ahi_context_set_now (AhiContext *self,
                     gint64      now)
{
  g_return_if_fail (AHI_IS_CONTEXT (self));
  self->fixed_now = now;
}

const char *
ahi_context_get_actor_id (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->actor_id;
}

const char *
ahi_context_get_actor_role (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->actor_role;
}

const char *
ahi_context_get_actor_name (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);
  return self->actor_name;
}

void
ahi_context_set_actor (AhiContext *self,
                       const char *user_id,
                       const char *role)
{
  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (user_id != NULL && role != NULL);

  g_free (self->actor_id);
  g_free (self->actor_role);
  self->actor_id = g_strdup (user_id);
  self->actor_role = g_strdup (role);
  update_actor_name (self);
  _ahi_context_emit_changed (self);
}

gboolean
ahi_context_actor_may_append (AhiContext *self,
                              const char *type)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  return ahi_access_role_may_append (type, self->actor_role);
}

gboolean
ahi_context_actor_may_append_all (AhiContext *self,
                                  GPtrArray  *types)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (types != NULL, FALSE);

  for (guint i = 0; i < types->len; i++)
    if (!ahi_access_role_may_append (g_ptr_array_index (types, i), self->actor_role))
      return FALSE;
  return TRUE;
}

AhiRole
ahi_context_roles_may_append_all (GPtrArray *types)
{
  static const AhiRole people[] = { AHI_ROLE_OWNER, AHI_ROLE_MANAGER, AHI_ROLE_STAFF };
  AhiRole roles = AHI_ROLE_NONE;

  g_return_val_if_fail (types != NULL, AHI_ROLE_NONE);

  for (guint r = 0; r < G_N_ELEMENTS (people); r++)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < types->len && all; i++)
        all = ahi_access_role_may_append (g_ptr_array_index (types, i), ahi_role_to_string (people[r]));
      if (all)
        roles |= people[r];
    }
  return roles;
}

AhiReadScope
ahi_context_actor_read_scope (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), (AhiReadScope) { 0 });
  return ahi_access_read_scope (self->actor_role);
}

gboolean
ahi_context_actor_is_manager (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);
  return g_strcmp0 (self->actor_role, "owner") == 0 || g_strcmp0 (self->actor_role, "manager") == 0;
}

gboolean
ahi_context_actor_may_set_pin (AhiContext        *self,
                               const AhiDeskUser *user)
{
  g_autoptr(AhiEvent) draft = NULL;
  AhiWriteContext context = { 0 };

  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  /* The event a new PIN travels in: staff.updated on the member, its
   * hash in the pii and nothing in the payload. The write table judges
   * it as the server will (a manager who could reset an owner's PIN
   * could act as the owner). Whether the row is linked to an account
   * matters only to an event that sets a role, which this one does not. */
  draft = ahi_event_new ("staff.updated", self->status->tenant_id, user->staff_id, NULL, 0,
                         self->actor_id, self->actor_role, ahi_context_now (self));
  context.role = self->actor_role;
  context.actor_staff_id = self->actor_id;
  context.target_role = user->role;
  context.target_member_role = NULL;
  return ahi_access_check_write (draft, &context, NULL);
}

GPtrArray *
ahi_context_list_users (AhiContext  *self,
                        GError     **error)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), NULL);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The business is closed while a backup is restored."));
      return NULL;
    }
  return ahi_desk_users_list (ahi_store_get_db (self->store), error);
}

void
ahi_context_switch_user_async (AhiContext          *self,
                               const char          *staff_id,
                               const char          *pin,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (staff_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_context_switch_user_async);
  g_task_set_task_data (task, g_strdup (staff_id), g_free);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("The business is closed while a backup is restored."));
      return;
    }
  /* The hash is read here; only the Argon2id check runs on the pool. */
  ahi_desk_user_verify_pin_async (ahi_store_get_db (self->store), staff_id, pin, cancellable,
                                  on_pin_verified_cb, g_steal_pointer (&task));
}

gboolean
ahi_context_switch_user_finish (AhiContext    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_switch_user_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ahi_context_set_pin_async (AhiContext          *self,
                           const char          *staff_id,
                           const char          *pin,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PinChange *change;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (staff_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_context_set_pin_async);
  if (self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("The business is closed while a backup is restored."));
      return;
    }
  change = g_new0 (PinChange, 1);
  change->staff_id = g_strdup (staff_id);
  change->pin = g_strdup (pin);
  g_task_set_task_data (task, change, (GDestroyNotify) pin_change_free);
  start_pin_change (self, g_steal_pointer (&task));
}

gboolean
ahi_context_set_pin_finish (AhiContext    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_set_pin_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ahi_context_load_command_center_async (AhiContext          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_context_load_command_center_async);
  g_task_set_task_data (task, job_new (self, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, build_in_thread);
}

AhiCommandCenter *
ahi_context_load_command_center_finish (AhiContext    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_act_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  AhiContext *self = AHI_CONTEXT (source);
  g_autoptr(GTask) outer = data;
  GError *error = NULL;
  gssize n_events = g_task_propagate_int (G_TASK (result), &error);

  if (n_events < 0)
    {
      g_task_return_error (outer, error);
      return;
    }
  /* The worker wrote through its own connection: read what changed on
   * ours before the views ask. */
  if (!_ahi_context_read_business (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  _ahi_context_emit_changed (self);
  g_task_return_int (outer, n_events);
}

void
ahi_context_act_async (AhiContext          *self,
                       const char          *kind,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (kind != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ahi_context_act_async);

  task = g_task_new (self, cancellable, on_act_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, job_new (self, kind), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, act_in_thread);
}

gboolean
ahi_context_act_finish (AhiContext    *self,
                        GAsyncResult  *result,
                        guint         *n_events,
                        GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = (guint) n;
  return TRUE;
}

gboolean
ahi_context_change_sector (AhiContext  *self,
                           const char  *sector,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                           _("The business is closed while a backup is restored."));
      return FALSE;
    }
  /* The table the server enforces; asked here too, so that a shortcut
   * or a script cannot write what the settings do not offer. */
  if (!ahi_context_actor_may_append (self, "blueprint.updated"))
    {
      g_autoptr(GPtrArray) types = g_ptr_array_new ();

      g_ptr_array_add (types, (gpointer) "blueprint.updated");
      g_set_error_literal (error, AHI_STORE_ERROR, AHI_STORE_ERROR_FORBIDDEN,
                           ahi_words_who_may (ahi_context_roles_may_append_all (types)));
      return FALSE;
    }
  ok = ahi_desk_change_sector (self->store, sector, self->actor_id, self->actor_role, ahi_context_now (self),
                               &local_error);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!_ahi_context_read_business (self, error))
    return FALSE;
  _ahi_context_emit_changed (self);
  return TRUE;
}

gboolean
ahi_context_reload (AhiContext  *self,
                    GError     **error)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);

  if (!_ahi_context_read_business (self, error))
    return FALSE;
  _ahi_context_emit_changed (self);
  return TRUE;
}
