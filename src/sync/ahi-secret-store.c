/* ahi-secret-store.c — the secret store interface and its contract
 *
 * The public functions check the arguments against the contract once, for
 * every implementation, before calling into it: an implementation never
 * sees an empty key, a secret that is not UTF-8, or a call that was
 * cancelled before it began. Implementations without their own
 * non-blocking calls get ones that run the blocking calls on a worker
 * thread (GTask), so the main loop never waits on a keyring.
 */
#include "ahi-secret-store.h"

#include <sodium.h>
#include <string.h>

#include "ahi-sync-error.h"

/* ------------------------------------------------------------------ */
/* The arguments of a call on a worker thread                          */

typedef struct
{
  char *key;
  char *label;
  char *secret;
} SecretCall;

G_DEFINE_INTERFACE (AhiSecretStore, ahi_secret_store, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static void
secret_call_free (SecretCall *call)
{
  g_free (call->key);
  g_free (call->label);
  ahi_secret_free (call->secret);
  g_free (call);
}

static SecretCall *
secret_call_new (const char *key,
                 const char *label,
                 const char *secret)
{
  SecretCall *call = g_new0 (SecretCall, 1);

  call->key = g_strdup (key);
  call->label = g_strdup (label);
  call->secret = g_strdup (secret);
  return call;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (*key == '\0' || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error_literal (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_KEY,
                           "A secret's key must be non-empty UTF-8 text");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_secret (const char  *secret,
              GError     **error)
{
  /* The secret itself never goes into the message: errors get logged. */
  if (*secret == '\0' || !g_utf8_validate (secret, -1, NULL))
    {
      g_set_error_literal (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_INVALID_SECRET,
                           "A secret must be non-empty UTF-8 text");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Default non-blocking calls: the blocking ones on a worker thread    */

static void
run_store_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AhiSecretStore *self = source_object;
  SecretCall *call = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !AHI_SECRET_STORE_GET_IFACE (self)->store (self, call->key, call->label,
                                                 call->secret, cancellable,
                                                 &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_lookup_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  AhiSecretStore *self = source_object;
  SecretCall *call = task_data;
  GError *error = NULL;
  char *secret = NULL;

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    secret = AHI_SECRET_STORE_GET_IFACE (self)->lookup (self, call->key,
                                                        cancellable, &error);
  if (secret == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) ahi_secret_free);
}

static void
run_clear_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AhiSecretStore *self = source_object;
  SecretCall *call = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !AHI_SECRET_STORE_GET_IFACE (self)->clear (self, call->key, cancellable,
                                                 &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_in_thread (AhiSecretStore      *self,
                 SecretCall          *call,
                 gpointer             source_tag,
                 GTaskThreadFunc      func,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* A call that went through reports so even when the caller cancels it
   * meanwhile: the caller must not believe a token was not stored. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify) secret_call_free);
  g_task_run_in_thread (task, func);
}

static void
ahi_secret_store_real_store_async (AhiSecretStore      *self,
                                   const char          *key,
                                   const char          *label,
                                   const char          *secret,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  start_in_thread (self, secret_call_new (key, label, secret),
                   ahi_secret_store_real_store_async, run_store_in_thread,
                   cancellable, callback, user_data);
}

static gboolean
ahi_secret_store_real_store_finish (AhiSecretStore  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ahi_secret_store_real_lookup_async (AhiSecretStore      *self,
                                    const char          *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  start_in_thread (self, secret_call_new (key, NULL, NULL),
                   ahi_secret_store_real_lookup_async, run_lookup_in_thread,
                   cancellable, callback, user_data);
}

static char *
ahi_secret_store_real_lookup_finish (AhiSecretStore  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ahi_secret_store_real_clear_async (AhiSecretStore      *self,
                                   const char          *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  start_in_thread (self, secret_call_new (key, NULL, NULL),
                   ahi_secret_store_real_clear_async, run_clear_in_thread,
                   cancellable, callback, user_data);
}

static gboolean
ahi_secret_store_real_clear_finish (AhiSecretStore  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ahi_secret_store_default_init (AhiSecretStoreInterface *iface)
{
  iface->store_async = ahi_secret_store_real_store_async;
  iface->store_finish = ahi_secret_store_real_store_finish;
  iface->lookup_async = ahi_secret_store_real_lookup_async;
  iface->lookup_finish = ahi_secret_store_real_lookup_finish;
  iface->clear_async = ahi_secret_store_real_clear_async;
  iface->clear_finish = ahi_secret_store_real_clear_finish;
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

void
ahi_secret_free (AhiSecret *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

char *
ahi_secret_key_server_token (const char *tenant_id)
{
  g_return_val_if_fail (tenant_id != NULL && *tenant_id != '\0', NULL);

  return g_strconcat ("server-token:", tenant_id, NULL);
}

gboolean
ahi_secret_store_store (AhiSecretStore  *self,
                        const char      *key,
                        const char      *label,
                        const char      *secret,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (key, error) || !check_secret (secret, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return AHI_SECRET_STORE_GET_IFACE (self)->store (self, key, label ? label : key,
                                                   secret, cancellable, error);
}

void
ahi_secret_store_store_async (AhiSecretStore      *self,
                              const char          *key,
                              const char          *label,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (AHI_IS_SECRET_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (key, &error) || !check_secret (secret, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_report_error (self, callback, user_data,
                           ahi_secret_store_store_async, error);
      return;
    }
  AHI_SECRET_STORE_GET_IFACE (self)->store_async (self, key, label ? label : key,
                                                  secret, cancellable,
                                                  callback, user_data);
}

gboolean
ahi_secret_store_store_finish (AhiSecretStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  if (g_async_result_is_tagged (result, ahi_secret_store_store_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return AHI_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

AhiSecret *
ahi_secret_store_lookup (AhiSecretStore  *self,
                         const char      *key,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_key (key, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return AHI_SECRET_STORE_GET_IFACE (self)->lookup (self, key, cancellable, error);
}

void
ahi_secret_store_lookup_async (AhiSecretStore      *self,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (AHI_IS_SECRET_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (key, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_report_error (self, callback, user_data,
                           ahi_secret_store_lookup_async, error);
      return;
    }
  AHI_SECRET_STORE_GET_IFACE (self)->lookup_async (self, key, cancellable,
                                                   callback, user_data);
}

AhiSecret *
ahi_secret_store_lookup_finish (AhiSecretStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (g_async_result_is_tagged (result, ahi_secret_store_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return AHI_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

gboolean
ahi_secret_store_clear (AhiSecretStore  *self,
                        const char      *key,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key (key, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return AHI_SECRET_STORE_GET_IFACE (self)->clear (self, key, cancellable, error);
}

void
ahi_secret_store_clear_async (AhiSecretStore      *self,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (AHI_IS_SECRET_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (key, &error) ||
      g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_report_error (self, callback, user_data,
                           ahi_secret_store_clear_async, error);
      return;
    }
  AHI_SECRET_STORE_GET_IFACE (self)->clear_async (self, key, cancellable,
                                                  callback, user_data);
}

gboolean
ahi_secret_store_clear_finish (AhiSecretStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (AHI_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  if (g_async_result_is_tagged (result, ahi_secret_store_clear_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return AHI_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}
