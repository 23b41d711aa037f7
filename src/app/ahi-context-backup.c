/* ahi-context-backup.c — copies of the open business: write, check, restore
 *
 * Every copy runs on a worker thread: a backup of a big business takes
 * seconds and the desk keeps working meanwhile. ahi_backup_write and
 * ahi_backup_auto open a connection of their own and use the store they
 * are given only for its path, so a job holds a reference to the main
 * store and drops it, under backup_lock, before it ends. A restore closes
 * the context's connections (ahi_backup_restore refuses a database still
 * open), takes backup_lock so that no copy is reading the file, replaces
 * it and opens it again in a new context.
 */
#include "ahi-context-private.h"

#include "ahi-i18n.h"
#include "store/ahi-backup.h"

typedef struct {
  AhiStore *store;      /* write, auto: dropped by the worker under backup_lock */
  char     *path;       /* the backup file (write, check, restore) or folder (auto) */
  guint     keep;
  gint64    now;
  gint64    fixed_now;  /* restore: the new context's */
  char     *tenant_id;  /* check: out */
  gint64    events;     /* check: out */
  char     *written;    /* auto: out */
} BackupJob;

/* --------------------------------------------------------------- helpers */

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job->tenant_id);
  g_free (job->written);
  g_free (job);
}

static void
set_closed_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                       _("The business is closed while a backup is restored."));
}

/* A task whose job holds path and, when with_store, the main store. NULL
 * (the task has returned its error) while the business is closed. */
static GTask *
backup_task_new (AhiContext          *self,
                 gpointer             source_tag,
                 const char          *path,
                 gboolean             with_store,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->path = g_strdup (path);
  job->now = ahi_context_now (self);
  job->fixed_now = self->fixed_now;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  if (with_store)
    {
      if (self->store == NULL)
        {
          GError *error = NULL;

          set_closed_error (&error);
          g_task_return_error (task, error);
          return NULL;
        }
      job->store = g_object_ref (self->store);
    }
  return g_steal_pointer (&task);
}

/* --------------------------------------------------------------- workers */

static void
back_up_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  AhiContext *self = source;
  BackupJob *job = data;
  GError *error = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->backup_lock);
  /* A restore that began after this job was queued wins: its file is
   * about to be replaced. */
  if (g_atomic_int_get (&self->closed))
    set_closed_error (&error);
  else
    ok = ahi_backup_write (job->store, job->path, &error);
  g_clear_object (&job->store);
  g_mutex_unlock (&self->backup_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
auto_back_up_in_thread (GTask        *task,
                        gpointer      source,
                        gpointer      data,
                        GCancellable *cancellable)
{
  AhiContext *self = source;
  BackupJob *job = data;
  GError *error = NULL;
  char *written = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->backup_lock);
  if (g_atomic_int_get (&self->closed))
    set_closed_error (&error);
  else
    ok = ahi_backup_auto (job->store, job->path, job->keep, job->now, &written, &error);
  g_clear_object (&job->store);
  g_mutex_unlock (&self->backup_lock);

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  job->written = written;
  g_task_return_boolean (task, TRUE);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  BackupJob *job = data;
  GError *error = NULL;

  /* Reads the file alone (immutable): no lock of the business needed. */
  if (ahi_backup_check (job->path, &job->tenant_id, &job->events, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  AhiContext *self = source;
  BackupJob *job = data;
  GError *error = NULL;
  gboolean ok;

  /* Waits for the worker's job and any copy under way, then closes the
   * worker's connection: after this nothing of ours has the file open. */
  g_mutex_lock (&self->backup_lock);
  g_mutex_lock (&self->worker_lock);
  g_clear_object (&self->worker_store);
  ok = ahi_backup_restore (job->path, self->path, &error);
  g_mutex_unlock (&self->worker_lock);
  g_mutex_unlock (&self->backup_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------- callbacks */

/* Back on the main thread: the file is the backup now (or, on failure,
 * still the live business); open it either way. */
static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  AhiContext *self = AHI_CONTEXT (source);
  g_autoptr(GTask) outer = data;
  BackupJob *job = g_task_get_task_data (outer);
  g_autoptr(GError) restore_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(AhiContext) restored = NULL;

  g_task_propagate_boolean (G_TASK (result), &restore_error);
  store = ahi_store_open (self->path, &error);

  if (restore_error != NULL)
    {
      /* The live business was left as it was: this context goes on. */
      if (store != NULL)
        {
          self->store = g_steal_pointer (&store);
          g_atomic_int_set (&self->closed, 0);
        }
      g_task_return_error (outer, g_steal_pointer (&restore_error));
      return;
    }
  if (store != NULL)
    restored = ahi_context_new (store, &error);
  if (restored == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  ahi_context_set_now (restored, job->fixed_now);
  g_task_return_pointer (outer, g_steal_pointer (&restored), g_object_unref);
}

/* ------------------------------------------------------------ public API */

void
ahi_context_back_up_async (AhiContext          *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  task = backup_task_new (self, ahi_context_back_up_async, path, TRUE, cancellable, callback, user_data);
  if (task != NULL)
    g_task_run_in_thread (task, back_up_in_thread);
}

gboolean
ahi_context_back_up_finish (AhiContext    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_back_up_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
ahi_context_auto_back_up_async (AhiContext          *self,
                                const char          *dir,
                                guint                keep,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (dir != NULL);
  g_return_if_fail (keep >= 1);

  task = backup_task_new (self, ahi_context_auto_back_up_async, dir, TRUE, cancellable, callback, user_data);
  if (task == NULL)
    return;
  ((BackupJob *) g_task_get_task_data (task))->keep = keep;
  g_task_run_in_thread (task, auto_back_up_in_thread);
}

gboolean
ahi_context_auto_back_up_finish (AhiContext    *self,
                                 GAsyncResult  *result,
                                 char         **out_path,
                                 GError       **error)
{
  BackupJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_auto_back_up_async, FALSE);

  if (out_path != NULL)
    *out_path = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (out_path != NULL)
    *out_path = g_strdup (job->written);
  return TRUE;
}

void
ahi_context_check_backup_async (AhiContext          *self,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  task = backup_task_new (self, ahi_context_check_backup_async, path, FALSE, cancellable, callback, user_data);
  g_task_run_in_thread (task, check_in_thread);
}

gboolean
ahi_context_check_backup_finish (AhiContext    *self,
                                 GAsyncResult  *result,
                                 char         **out_tenant_id,
                                 gint64        *out_events,
                                 GError       **error)
{
  BackupJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_check_backup_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (out_tenant_id != NULL)
    *out_tenant_id = g_strdup (job->tenant_id);
  if (out_events != NULL)
    *out_events = job->events;
  return TRUE;
}

void
ahi_context_restore_async (AhiContext          *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_CONTEXT (self));
  g_return_if_fail (path != NULL);

  outer = backup_task_new (self, ahi_context_restore_async, path, FALSE, cancellable, callback, user_data);
  /* Once the file is being replaced the caller must learn how it ended:
   * a cancellation must not hide a restored business. */
  g_task_set_check_cancellable (outer, FALSE);
  if (g_atomic_int_get (&self->closed))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("The business is closed while a backup is restored."));
      return;
    }

  /* Closed from here on: the worker opens nothing and new copies refuse.
   * The main connection goes now (it is this thread's); the worker's goes
   * on the worker, once its job is done. */
  g_atomic_int_set (&self->closed, 1);
  g_clear_object (&self->store);

  task = g_task_new (self, NULL, on_restored_cb, g_object_ref (outer));
  g_task_set_task_data (task, g_task_get_task_data (outer), NULL);
  g_task_run_in_thread (task, restore_in_thread);
}

AhiContext *
ahi_context_restore_finish (AhiContext    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_context_restore_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
