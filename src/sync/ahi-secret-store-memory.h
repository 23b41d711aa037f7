/* ahi-secret-store-memory.h — an in-memory secret store, for tests
 *
 * Keeps the secrets of one instance in this process's memory (wiped when
 * replaced, cleared or finalized) and forgets them when it goes. Safe to
 * use from several threads. ahi_memory_secret_store_set_unavailable()
 * makes it behave like a keyring that cannot be reached, so that callers
 * can test what they do then.
 */
#pragma once

#include "ahi-secret-store.h"

G_BEGIN_DECLS

#define AHI_TYPE_MEMORY_SECRET_STORE (ahi_memory_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (AhiMemorySecretStore, ahi_memory_secret_store, AHI, MEMORY_SECRET_STORE, GObject)

AhiMemorySecretStore *ahi_memory_secret_store_new             (void);

/* While unavailable, every call fails with AHI_SYNC_ERROR_SECRET_SERVICE
 * and the secrets held stay as they were. */
void                  ahi_memory_secret_store_set_unavailable (AhiMemorySecretStore *self,
                                                               gboolean              unavailable);
/* How many keys hold a secret. */
guint                 ahi_memory_secret_store_get_n_secrets   (AhiMemorySecretStore *self);
/* The label stored with key's secret, NULL when the key holds none. */
char                 *ahi_memory_secret_store_dup_label       (AhiMemorySecretStore *self,
                                                               const char           *key);

G_END_DECLS
