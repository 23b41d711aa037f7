/* ahi-secret-store.h — where the app keeps the secrets of this device
 *
 * What the device must remember but never show, log or write into a
 * business's database goes through this interface: for now the
 * ahi-server token of each tenant, under the key made by
 * ahi_secret_key_server_token(). (Staff PIN hashes are not such secrets:
 * they stay in the database, because they sync with it.) The desktop
 * implementation is AhiLibsecretStore (the session's secret service, or
 * the secret portal inside Flatpak); tests use AhiMemorySecretStore.
 *
 * The contract every implementation keeps, and tests/sync checks:
 * - keys and secrets are non-empty UTF-8 (else AHI_SYNC_ERROR_INVALID_KEY
 *   or _INVALID_SECRET, and nothing changes);
 * - storing under a key replaces what it held; keys match exactly;
 * - looking up a key that holds nothing fails with
 *   AHI_SYNC_ERROR_SECRET_NOT_FOUND, so "no token yet" is told apart from
 *   a keyring that cannot be reached (AHI_SYNC_ERROR_SECRET_SERVICE);
 * - clearing a key that holds nothing succeeds: clear means "nothing is
 *   left under this key";
 * - a call whose cancellable is already cancelled fails with
 *   G_IO_ERROR_CANCELLED and changes nothing.
 *
 * Secrets handed out are freed with ahi_secret_free(), which wipes them
 * first (g_autoptr(AhiSecret) does that).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AHI_TYPE_SECRET_STORE (ahi_secret_store_get_type ())
G_DECLARE_INTERFACE (AhiSecretStore, ahi_secret_store, AHI, SECRET_STORE, GObject)

struct _AhiSecretStoreInterface
{
  GTypeInterface parent_iface;

  /* Blocking; every implementation provides them. The arguments are
   * checked against the contract before these are called. */
  gboolean (*store)         (AhiSecretStore       *self,
                             const char           *key,
                             const char           *label,
                             const char           *secret,
                             GCancellable         *cancellable,
                             GError              **error);
  char    *(*lookup)        (AhiSecretStore       *self,
                             const char           *key,
                             GCancellable         *cancellable,
                             GError              **error);
  gboolean (*clear)         (AhiSecretStore       *self,
                             const char           *key,
                             GCancellable         *cancellable,
                             GError              **error);

  /* Non-blocking; optional. By default the blocking ones run on a worker
   * thread, so an implementation that keeps these defaults must be safe to
   * call from several threads. */
  void     (*store_async)   (AhiSecretStore       *self,
                             const char           *key,
                             const char           *label,
                             const char           *secret,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  gboolean (*store_finish)  (AhiSecretStore       *self,
                             GAsyncResult         *result,
                             GError              **error);
  void     (*lookup_async)  (AhiSecretStore       *self,
                             const char           *key,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  char    *(*lookup_finish) (AhiSecretStore       *self,
                             GAsyncResult         *result,
                             GError              **error);
  void     (*clear_async)   (AhiSecretStore       *self,
                             const char           *key,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  gboolean (*clear_finish)  (AhiSecretStore       *self,
                             GAsyncResult         *result,
                             GError              **error);
};

/* A secret handed out by a store: a NUL-terminated UTF-8 string that is
 * wiped when freed. */
typedef char AhiSecret;

void       ahi_secret_free                (AhiSecret            *secret);

/* "server-token:<tenant_id>": where the token of a tenant's ahi-server
 * account is kept. */
char      *ahi_secret_key_server_token    (const char           *tenant_id);

/* Stores secret under key, replacing what the key held. label is what a
 * person reads in a keyring manager (such as "Ahi Desk server token for
 * Salon Işıl"); NULL uses the key. */
gboolean   ahi_secret_store_store         (AhiSecretStore       *self,
                                           const char           *key,
                                           const char           *label,
                                           const char           *secret,
                                           GCancellable         *cancellable,
                                           GError              **error);
void       ahi_secret_store_store_async   (AhiSecretStore       *self,
                                           const char           *key,
                                           const char           *label,
                                           const char           *secret,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   ahi_secret_store_store_finish  (AhiSecretStore       *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* The secret under key; AHI_SYNC_ERROR_SECRET_NOT_FOUND when it holds
 * none. Free the result with ahi_secret_free(). */
AhiSecret *ahi_secret_store_lookup        (AhiSecretStore       *self,
                                           const char           *key,
                                           GCancellable         *cancellable,
                                           GError              **error);
void       ahi_secret_store_lookup_async  (AhiSecretStore       *self,
                                           const char           *key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
AhiSecret *ahi_secret_store_lookup_finish (AhiSecretStore       *self,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Removes the secret under key; succeeds when there was none. */
gboolean   ahi_secret_store_clear         (AhiSecretStore       *self,
                                           const char           *key,
                                           GCancellable         *cancellable,
                                           GError              **error);
void       ahi_secret_store_clear_async   (AhiSecretStore       *self,
                                           const char           *key,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   ahi_secret_store_clear_finish  (AhiSecretStore       *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiSecret, ahi_secret_free)

G_END_DECLS
