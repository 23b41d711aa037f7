/* ahi-secret-store-libsecret.c — AhiSecretStore on libsecret's password API
 *
 * libsecret has blocking and non-blocking forms of every call, so both are
 * implemented here directly; the non-blocking ones wrap libsecret's result
 * in a GTask of ours to translate its errors and its "nothing found"
 * (NULL without an error) into the interface's contract.
 */
#include "ahi-secret-store-libsecret.h"

#include <libsecret/secret.h>

#include "ahi-sync-error.h"

/* ------------------------------------------------------------------ */
/* Struct                                                               */

struct _AhiLibsecretStore
{
  GObject parent_instance;
};

static void ahi_libsecret_store_iface_init (AhiSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AhiLibsecretStore, ahi_libsecret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AHI_TYPE_SECRET_STORE,
                                                      ahi_libsecret_store_iface_init))

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    AHI_LIBSECRET_STORE_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Takes secret_error. What went wrong inside the service (D-Bus, a
 * dismissed unlock prompt, a missing daemon) is one condition for the
 * caller: the secret service could not do it. */
static void
propagate_secret_error (GError      *secret_error,
                        const char  *doing,
                        GError     **error)
{
  if (g_error_matches (secret_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, secret_error);
      return;
    }
  g_set_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_SERVICE,
               "The secret service could not %s: %s", doing,
               secret_error->message);
  g_error_free (secret_error);
}

static void
set_not_found (const char  *key,
               GError     **error)
{
  g_set_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_NOT_FOUND,
               "No secret is stored under “%s”", key);
}

/* Copies a password libsecret returned into ordinary memory, so that
 * every store's secrets are freed alike (ahi_secret_free), and wipes
 * libsecret's copy. */
static AhiSecret *
take_password (char *password)
{
  AhiSecret *secret = g_strdup (password);

  secret_password_free (password);
  return secret;
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                            */

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *secret_error = NULL;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &secret_error))
    {
      propagate_secret_error (secret_error, "store a secret", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *secret_error = NULL;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &secret_error);
  if (secret_error != NULL)
    {
      propagate_secret_error (secret_error, "look up a secret", &error);
      g_task_return_error (task, error);
      return;
    }
  if (password == NULL)
    {
      set_not_found (g_task_get_task_data (task), &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, take_password (password),
                         (GDestroyNotify) ahi_secret_free);
}

static void
on_password_cleared_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *secret_error = NULL;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to clear: success. */
  if (!secret_password_clear_finish (result, &secret_error) && secret_error != NULL)
    {
      propagate_secret_error (secret_error, "clear a secret", &error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ */
/* AhiSecretStore                                                       */

static GTask *
new_task (AhiLibsecretStore   *self,
          const char          *key,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* What the service did is what the caller learns, even if the caller
   * cancelled after the service had done it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (key), g_free);
  return task;
}

static gboolean
ahi_libsecret_store_store (AhiSecretStore  *store,
                           const char      *key,
                           const char      *label,
                           const char      *secret,
                           GCancellable    *cancellable,
                           GError         **error)
{
  GError *secret_error = NULL;

  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, secret, cancellable, &secret_error,
                                   "key", key,
                                   NULL))
    {
      propagate_secret_error (secret_error, "store a secret", error);
      return FALSE;
    }
  return TRUE;
}

static void
ahi_libsecret_store_store_async (AhiSecretStore      *store,
                                 const char          *key,
                                 const char          *label,
                                 const char          *secret,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  AhiLibsecretStore *self = AHI_LIBSECRET_STORE (store);
  GTask *task = new_task (self, key, ahi_libsecret_store_store_async,
                          cancellable, callback, user_data);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                         label, secret, cancellable,
                         on_password_stored_cb, task,
                         "key", key,
                         NULL);
}

static char *
ahi_libsecret_store_lookup (AhiSecretStore  *store,
                            const char      *key,
                            GCancellable    *cancellable,
                            GError         **error)
{
  GError *secret_error = NULL;
  char *password;

  password = secret_password_lookup_sync (get_schema (), cancellable, &secret_error,
                                          "key", key,
                                          NULL);
  if (secret_error != NULL)
    {
      propagate_secret_error (secret_error, "look up a secret", error);
      return NULL;
    }
  if (password == NULL)
    {
      set_not_found (key, error);
      return NULL;
    }
  return take_password (password);
}

static void
ahi_libsecret_store_lookup_async (AhiSecretStore      *store,
                                  const char          *key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  AhiLibsecretStore *self = AHI_LIBSECRET_STORE (store);
  GTask *task = new_task (self, key, ahi_libsecret_store_lookup_async,
                          cancellable, callback, user_data);

  secret_password_lookup (get_schema (), cancellable,
                          on_password_looked_up_cb, task,
                          "key", key,
                          NULL);
}

static gboolean
ahi_libsecret_store_clear (AhiSecretStore  *store,
                           const char      *key,
                           GCancellable    *cancellable,
                           GError         **error)
{
  GError *secret_error = NULL;

  /* FALSE without an error means there was nothing to clear: success. */
  if (!secret_password_clear_sync (get_schema (), cancellable, &secret_error,
                                   "key", key,
                                   NULL) &&
      secret_error != NULL)
    {
      propagate_secret_error (secret_error, "clear a secret", error);
      return FALSE;
    }
  return TRUE;
}

static void
ahi_libsecret_store_clear_async (AhiSecretStore      *store,
                                 const char          *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  AhiLibsecretStore *self = AHI_LIBSECRET_STORE (store);
  GTask *task = new_task (self, key, ahi_libsecret_store_clear_async,
                          cancellable, callback, user_data);

  secret_password_clear (get_schema (), cancellable,
                         on_password_cleared_cb, task,
                         "key", key,
                         NULL);
}

static void
ahi_libsecret_store_iface_init (AhiSecretStoreInterface *iface)
{
  iface->store = ahi_libsecret_store_store;
  iface->store_async = ahi_libsecret_store_store_async;
  iface->lookup = ahi_libsecret_store_lookup;
  iface->lookup_async = ahi_libsecret_store_lookup_async;
  iface->clear = ahi_libsecret_store_clear;
  iface->clear_async = ahi_libsecret_store_clear_async;
  /* The _finish functions are the interface's defaults: our tasks return
   * what theirs do (a boolean, the secret). */
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
ahi_libsecret_store_class_init (AhiLibsecretStoreClass *klass)
{
}

static void
ahi_libsecret_store_init (AhiLibsecretStore *self)
{
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

AhiLibsecretStore *
ahi_libsecret_store_new (void)
{
  return g_object_new (AHI_TYPE_LIBSECRET_STORE, NULL);
}
