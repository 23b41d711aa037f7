/* ahi-context.c — what the views of one open business share */
#include "ahi-context.h"

#include "store/ahi-tenant-bootstrap.h"
#include "store/ahi-tenant.h"

struct _AhiContext
{
  GObject        parent_instance;

  AhiStore      *store;          /* the main thread's connection */
  AhiBlueprint  *blueprint;
  AhiDeskStatus *status;
  gint64         fixed_now;
  char          *actor_id;
  char          *actor_role;

  /* The worker's own connection (SQLite: one connection per thread),
   * opened on first use; the mutex lets one job at a time use it. */
  GMutex         worker_lock;
  AhiStore      *worker_store;
};

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

/* Called with worker_lock held. */
static AhiStore *
worker_store (AhiContext  *self,
              GError     **error)
{
  if (self->worker_store == NULL)
    self->worker_store = ahi_store_open (ahi_store_get_path (self->store), error);
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
  store = worker_store (self, &error);
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
  store = worker_store (self, &error);
  if (store != NULL)
    ok = ahi_command_center_act (store, job->kind, job->actor_id, job->actor_role, job->now, &n_events, &error);
  g_mutex_unlock (&self->worker_lock);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_events);
}

/* --------------------------------------------------------------- helpers */

static gboolean
read_business (AhiContext  *self,
               GError     **error)
{
  g_autoptr(AhiDeskStatus) status = ahi_desk_status_read (self->store, error);
  g_autoptr(AhiBlueprint) blueprint = NULL;

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

/* ------------------------------------------------------------- overrides */

static void
ahi_context_finalize (GObject *object)
{
  AhiContext *self = AHI_CONTEXT (object);

  g_clear_object (&self->worker_store);
  g_mutex_clear (&self->worker_lock);
  g_clear_object (&self->store);
  g_clear_object (&self->blueprint);
  g_clear_pointer (&self->status, ahi_desk_status_free);
  g_free (self->actor_id);
  g_free (self->actor_role);

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
  if (!read_business (self, error))
    return NULL;
  self->actor_id = ahi_tenant_owner_id (self->status->tenant_id);
  self->actor_role = g_strdup ("owner");
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
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ahi_context_actor_is_owner (AhiContext *self)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);
  return g_strcmp0 (self->actor_role, "owner") == 0;
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
  if (!read_business (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
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
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);

  if (!ahi_desk_change_sector (self->store, sector, self->actor_id, self->actor_role, ahi_context_now (self), error) ||
      !read_business (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
ahi_context_reload (AhiContext  *self,
                    GError     **error)
{
  g_return_val_if_fail (AHI_IS_CONTEXT (self), FALSE);

  if (!read_business (self, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}
