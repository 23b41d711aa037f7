/* ahi-context-undo.c — a card's action that can be taken back
 *
 * The same worker path as ahi_context_act_async (the worker's own
 * connection, one job at a time under worker_lock), but the result keeps
 * the ids of the events the action appended: they are what an undo takes
 * back. The undo runs there too: it reads every message of the action and
 * appends a batch, no work for the main thread on a 500-message campaign.
 * Both read the business again on the main connection and emit "changed"
 * when something was written, so the cards follow.
 */
#include "ahi-context-private.h"

typedef struct {
  char      *kind;          /* act: the card's kind */
  GPtrArray *event_ids;     /* undo: the action's events (char*) */
  char      *actor_id;
  char      *actor_role;
  gint64     now;
} UndoJob;

/* What a finished job hands the main thread. */
typedef struct {
  GPtrArray *event_ids;     /* act: the events appended */
  guint      n_events;      /* undo: the events appended */
} UndoResult;

/* --------------------------------------------------------------- helpers */

static void
undo_job_free (UndoJob *job)
{
  g_free (job->kind);
  g_clear_pointer (&job->event_ids, g_ptr_array_unref);
  g_free (job->actor_id);
  g_free (job->actor_role);
  g_free (job);
}

static UndoJob *
undo_job_new (AhiContext *self)
{
  UndoJob *job = g_new0 (UndoJob, 1);

  job->actor_id = g_strdup (self->actor_id);
  job->actor_role = g_strdup (self->actor_role);
  job->now = ahi_context_now (self);
  return job;
}

static void
undo_result_free (UndoResult *result)
{
  g_clear_pointer (&result->event_ids, g_ptr_array_unref);
  g_free (result);
}

static GPtrArray *
copy_ids (GPtrArray *ids)
{
  GPtrArray *copy = g_ptr_array_new_full (ids->len, g_free);

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (ids, i)));
  return copy;
}

/* ------------------------------------------------------------ on workers */

static void
act_full_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  AhiContext *self = source;
  UndoJob *job = data;
  UndoResult *result = g_new0 (UndoResult, 1);
  GError *error = NULL;
  AhiStore *store;
  gboolean ok = FALSE;

  g_mutex_lock (&self->worker_lock);
  store = _ahi_context_worker_store (self, &error);
  if (store != NULL)
    ok = ahi_command_center_act_full (store, job->kind, job->actor_id, job->actor_role, job->now,
                                      &result->event_ids, &error);
  g_mutex_unlock (&self->worker_lock);

  if (!ok)
    {
      undo_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) undo_result_free);
}

static void
undo_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  AhiContext *self = source;
  UndoJob *job = data;
  UndoResult *result = g_new0 (UndoResult, 1);
  GError *error = NULL;
  AhiStore *store;
  gboolean ok = FALSE;

  g_mutex_lock (&self->worker_lock);
  store = _ahi_context_worker_store (self, &error);
  if (store != NULL)
    ok = ahi_command_center_undo (store, job->event_ids, job->actor_id, job->actor_role, job->now,
                                  &result->n_events, &error);
  g_mutex_unlock (&self->worker_lock);

  if (!ok)
    {
      undo_result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, (GDestroyNotify) undo_result_free);
}

/* ------------------------------------------------------------- callbacks */

/* Back on the main thread: the worker wrote through its own connection,
 * so the main one reads the business again before the views ask. */
static void
on_worker_done_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      data)
{
  AhiContext *self = AHI_CONTEXT (source);
  g_autoptr(GTask) outer = data;
  GError *error = NULL;
  UndoResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (!_ahi_context_read_business (self, &error))
    {
      undo_result_free (result);
      g_task_return_error (outer, error);
      return;
    }
  _ahi_context_emit_changed (self);
  g_task_return_pointer (outer, result, (GDestroyNotify) undo_result_free);
}

static void
run_job (AhiContext          *self,
         UndoJob             *job,
         GTaskThreadFunc      func,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;

  g_task_set_source_tag (outer, source_tag);
  task = g_task_new (self, cancellable, on_worker_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, job, (GDestroyNotify) undo_job_free);
  g_task_run_in_thread (task, func);
}

/* ------------------------------------------------------------ public API */

void
ahi_context_act_full_async (AhiContext          *self,
                            const char          *kind,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  UndoJob *job;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (kind != NULL);

  job = undo_job_new (self);
  job->kind = g_strdup (kind);
  run_job (self, job, act_full_in_thread, ahi_context_act_full_async, cancellable, callback, user_data);
}

gboolean
ahi_context_act_full_finish (AhiContext    *self,
                             GAsyncResult  *result,
                             GPtrArray    **out_event_ids,
                             GError       **error)
{
  UndoResult *done;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_act_full_async, FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (out_event_ids != NULL)
    *out_event_ids = g_steal_pointer (&done->event_ids);
  undo_result_free (done);
  return TRUE;
}

void
ahi_context_undo_async (AhiContext          *self,
                        GPtrArray           *event_ids,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  UndoJob *job;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (event_ids != NULL);

  job = undo_job_new (self);
  /* A copy: the caller's array stays the main thread's. */
  job->event_ids = copy_ids (event_ids);
  run_job (self, job, undo_in_thread, ahi_context_undo_async, cancellable, callback, user_data);
}

gboolean
ahi_context_undo_finish (AhiContext    *self,
                         GAsyncResult  *result,
                         guint         *n_events,
                         GError       **error)
{
  UndoResult *done;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_undo_async, FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (n_events != NULL)
    *n_events = done->n_events;
  undo_result_free (done);
  return TRUE;
}
