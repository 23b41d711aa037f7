/* ahi-password.c — Argon2id hashes of secrets (libsodium) */
#include "core/ahi-password.h"

#include <string.h>
#include <sodium.h>

typedef struct {
  char            *password;
  char            *hash;
  AhiPasswordCost  cost;
} PasswordJob;

/* ------------------------------------------------------------- helpers */

static void
password_job_free (PasswordJob *job)
{
  /* The password copy was ours: leave no trace of it in freed memory. */
  if (job->password != NULL)
    sodium_memzero (job->password, strlen (job->password));
  g_free (job->password);
  g_free (job->hash);
  g_free (job);
}

static gboolean
hash_is_terminated (const char *hash)
{
  /* libsodium reads up to crypto_pwhash_STRBYTES bytes of the hash. */
  return strnlen (hash, crypto_pwhash_STRBYTES) < crypto_pwhash_STRBYTES;
}

/* ------------------------------------------------------------ callbacks */

static void
hash_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PasswordJob *job = task_data;
  GError *error = NULL;
  char *hash;

  if (g_task_return_error_if_cancelled (task))
    return;

  hash = ahi_password_hash (job->password, job->cost, &error);
  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
verify_thread_cb (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PasswordJob *job = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_boolean (task, ahi_password_verify (job->hash, job->password));
}

/* ---------------------------------------------------------- public API */

G_DEFINE_QUARK (ahi-password-error-quark, ahi_password_error)

AhiPasswordCost
ahi_password_cost_interactive (void)
{
  return (AhiPasswordCost) { crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

AhiPasswordCost
ahi_password_cost_min (void)
{
  return (AhiPasswordCost) { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
}

gboolean
ahi_password_check (const char  *password,
                    GError     **error)
{
  gsize length;

  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = strlen (password);
  if (!g_utf8_validate (password, length, NULL))
    {
      g_set_error_literal (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_INVALID_UTF8,
                           "The password is not valid UTF-8");
      return FALSE;
    }
  if (length < AHI_PASSWORD_MIN_BYTES || length > AHI_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, AHI_PASSWORD_ERROR,
                   length < AHI_PASSWORD_MIN_BYTES ? AHI_PASSWORD_ERROR_TOO_SHORT : AHI_PASSWORD_ERROR_TOO_LONG,
                   "A password has %d to %d bytes", AHI_PASSWORD_MIN_BYTES, AHI_PASSWORD_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}

char *
ahi_password_hash (const char       *secret,
                   AhiPasswordCost   cost,
                   GError          **error)
{
  char out[crypto_pwhash_STRBYTES];
  gsize length;
  char *hash;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (secret);
  if (!g_utf8_validate (secret, length, NULL))
    {
      g_set_error_literal (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_INVALID_UTF8,
                           "The password is not valid UTF-8");
      return NULL;
    }
  if (length > AHI_PASSWORD_MAX_BYTES)
    {
      g_set_error (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_TOO_LONG,
                   "A password has at most %d bytes", AHI_PASSWORD_MAX_BYTES);
      return NULL;
    }

  if (crypto_pwhash_str_alg (out, secret, length, cost.opslimit, cost.memlimit,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      /* Only out of memory, or a cost outside libsodium's bounds. */
      g_set_error_literal (error, AHI_PASSWORD_ERROR, AHI_PASSWORD_ERROR_FAILED,
                           "Hashing the password failed (out of memory)");
      return NULL;
    }

  hash = g_strdup (out);
  sodium_memzero (out, sizeof out);
  return hash;
}

gboolean
ahi_password_verify (const char *hash,
                     const char *secret)
{
  gsize length;

  if (hash == NULL || secret == NULL || !hash_is_terminated (hash))
    return FALSE;

  length = strlen (secret);
  if (length > AHI_PASSWORD_MAX_BYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, secret, length) == 0;
}

gboolean
ahi_password_needs_rehash (const char      *hash,
                           AhiPasswordCost  cost)
{
  g_return_val_if_fail (hash != NULL, TRUE);

  if (!hash_is_terminated (hash))
    return TRUE;

  /* 1: another cost; -1: not an Argon2id string at all. */
  return crypto_pwhash_argon2id_str_needs_rehash (hash, cost.opslimit, cost.memlimit) != 0;
}

void
ahi_password_hash_async (const char          *secret,
                         AhiPasswordCost      cost,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PasswordJob *job;

  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PasswordJob, 1);
  job->password = g_strdup (secret);
  job->cost = cost;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_password_hash_async);
  g_task_set_task_data (task, job, (GDestroyNotify) password_job_free);
  g_task_run_in_thread (task, hash_thread_cb);
}

char *
ahi_password_hash_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_password_hash_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ahi_password_verify_async (const char          *hash,
                           const char          *secret,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PasswordJob *job;

  g_return_if_fail (hash != NULL);
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (PasswordJob, 1);
  job->hash = g_strdup (hash);
  job->password = g_strdup (secret);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ahi_password_verify_async);
  g_task_set_task_data (task, job, (GDestroyNotify) password_job_free);
  g_task_run_in_thread (task, verify_thread_cb);
}

gboolean
ahi_password_verify_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ahi_password_verify_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
