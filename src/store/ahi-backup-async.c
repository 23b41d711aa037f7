/* ahi-backup-async.c — the backups on GLib's thread pool, for the UI
 *
 * Each worker gets paths only, never the AhiStore, so the store stays on
 * the thread that owns it while its database is copied (ahi-backup.c
 * opens its own connections).
 */
#include "store/ahi-backup.h"
#include "store/ahi-backup-private.h"

typedef struct _BackupJob BackupJob;

/* The blocking work of one _async variant, on a worker. */
typedef gboolean (*BackupWork) (BackupJob *job, GError **error);

/* What a worker of the _async variants needs: paths, never the store. */
struct _BackupJob {
  BackupWork  work;
  char       *live_path;
  char       *other_path;   /* the backup: its destination, folder or source */
  guint       keep;
  gint64      now;
  char       *written;      /* auto: the path written, NULL when none */
  char       *tenant_id;    /* check */
  gint64      events;       /* check */
};

/* ------------------------------------------------------------- helpers */

static void
backup_job_free (BackupJob *job)
{
  g_free (job->live_path);
  g_free (job->other_path);
  g_free (job->written);
  g_free (job->tenant_id);
  g_free (job);
}

static void
backup_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->work (job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A task of source_tag whose job does work on a worker (backup_thread_cb);
 * the caller may fill in more of the job before it runs the task. */
static GTask *
backup_task_new (gpointer             source_tag,
                 BackupWork           work,
                 const char          *live_path,
                 const char          *other_path,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->work = work;
  job->live_path = g_strdup (live_path);
  job->other_path = g_strdup (other_path);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  return task;
}

/* Whether the task of source_tag succeeded; its job keeps what it found. */
static gboolean
backup_task_finish (GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------- work */

static gboolean
write_work (BackupJob  *job,
            GError    **error)
{
  return _ahi_backup_write_from (job->live_path, job->other_path, error);
}

static gboolean
auto_work (BackupJob  *job,
           GError    **error)
{
  /* NULL when today's backup existed: the answer is then TRUE with no
   * path, which g_task_propagate_pointer cannot tell from an error; the
   * job keeps it instead. */
  return _ahi_backup_auto_from (job->live_path, job->other_path, job->keep, job->now, &job->written, error);
}

static gboolean
check_work (BackupJob  *job,
            GError    **error)
{
  return ahi_backup_check (job->other_path, &job->tenant_id, &job->events, error);
}

static gboolean
restore_work (BackupJob  *job,
              GError    **error)
{
  return ahi_backup_restore (job->other_path, job->live_path, error);
}

/* ---------------------------------------------------------- public API */

void
ahi_backup_write_async (AhiStore            *store,
                        const char          *dest_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AHI_IS_STORE (store));
  g_return_if_fail (dest_path != NULL);

  task = backup_task_new (ahi_backup_write_async, write_work, ahi_store_get_path (store), dest_path,
                          cancellable, callback, user_data);
  g_task_run_in_thread (task, backup_thread_cb);
}

gboolean
ahi_backup_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  return backup_task_finish (result, ahi_backup_write_async, error);
}

void
ahi_backup_auto_async (AhiStore            *store,
                       const char          *dir,
                       guint                keep,
                       gint64               now,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (AHI_IS_STORE (store));
  g_return_if_fail (dir != NULL);
  g_return_if_fail (keep >= 1);

  task = backup_task_new (ahi_backup_auto_async, auto_work, ahi_store_get_path (store), dir,
                          cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  job->keep = keep;
  job->now = now;
  g_task_run_in_thread (task, backup_thread_cb);
}

gboolean
ahi_backup_auto_finish (GAsyncResult  *result,
                        char         **out_path,
                        GError       **error)
{
  BackupJob *job;

  if (out_path != NULL)
    *out_path = NULL;
  if (!backup_task_finish (result, ahi_backup_auto_async, error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (out_path != NULL)
    *out_path = g_steal_pointer (&job->written);
  return TRUE;
}

void
ahi_backup_check_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = backup_task_new (ahi_backup_check_async, check_work, NULL, path, cancellable, callback, user_data);
  g_task_run_in_thread (task, backup_thread_cb);
}

gboolean
ahi_backup_check_finish (GAsyncResult  *result,
                         char         **out_tenant_id,
                         gint64        *out_events,
                         GError       **error)
{
  BackupJob *job;

  if (!backup_task_finish (result, ahi_backup_check_async, error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (out_tenant_id != NULL)
    *out_tenant_id = g_steal_pointer (&job->tenant_id);
  if (out_events != NULL)
    *out_events = job->events;
  return TRUE;
}

void
ahi_backup_restore_async (const char          *backup_path,
                          const char          *live_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (live_path != NULL);

  task = backup_task_new (ahi_backup_restore_async, restore_work, live_path, backup_path,
                          cancellable, callback, user_data);
  g_task_run_in_thread (task, backup_thread_cb);
}

gboolean
ahi_backup_restore_finish (GAsyncResult  *result,
                           GError       **error)
{
  return backup_task_finish (result, ahi_backup_restore_async, error);
}
