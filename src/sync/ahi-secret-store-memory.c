/* ahi-secret-store-memory.c — secrets in a hash table behind a mutex
 *
 * It implements only the blocking calls; the interface runs them on a
 * worker thread for the non-blocking ones, which is why a mutex guards the
 * table.
 */
#include "ahi-secret-store-memory.h"

#include "ahi-sync-error.h"

/* ------------------------------------------------------------------ */
/* Struct                                                               */

typedef struct
{
  char *label;
  char *secret;
} Entry;

struct _AhiMemorySecretStore
{
  GObject     parent_instance;

  GMutex      mutex;
  GHashTable *entries;      /* key (owned) → Entry (owned) */
  gboolean    unavailable;
};

static void ahi_memory_secret_store_iface_init (AhiSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AhiMemorySecretStore, ahi_memory_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AHI_TYPE_SECRET_STORE,
                                                      ahi_memory_secret_store_iface_init))

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

static void
entry_free (Entry *entry)
{
  g_free (entry->label);
  ahi_secret_free (entry->secret);
  g_free (entry);
}

/* Called with the mutex held. */
static gboolean
check_available (AhiMemorySecretStore  *self,
                 GError               **error)
{
  if (self->unavailable)
    {
      g_set_error_literal (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_SERVICE,
                           "The in-memory secret store is set to be unavailable");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* AhiSecretStore                                                       */

static gboolean
ahi_memory_secret_store_store (AhiSecretStore  *store,
                               const char      *key,
                               const char      *label,
                               const char      *secret,
                               GCancellable    *cancellable,
                               GError         **error)
{
  AhiMemorySecretStore *self = AHI_MEMORY_SECRET_STORE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  Entry *entry;

  if (!check_available (self, error))
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->label = g_strdup (label);
  entry->secret = g_strdup (secret);
  /* Replacing frees (and wipes) the old entry. */
  g_hash_table_insert (self->entries, g_strdup (key), entry);
  return TRUE;
}

static char *
ahi_memory_secret_store_lookup (AhiSecretStore  *store,
                                const char      *key,
                                GCancellable    *cancellable,
                                GError         **error)
{
  AhiMemorySecretStore *self = AHI_MEMORY_SECRET_STORE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);
  Entry *entry;

  if (!check_available (self, error))
    return NULL;

  entry = g_hash_table_lookup (self->entries, key);
  if (entry == NULL)
    {
      g_set_error (error, AHI_SYNC_ERROR, AHI_SYNC_ERROR_SECRET_NOT_FOUND,
                   "No secret is stored under “%s”", key);
      return NULL;
    }
  return g_strdup (entry->secret);
}

static gboolean
ahi_memory_secret_store_clear (AhiSecretStore  *store,
                               const char      *key,
                               GCancellable    *cancellable,
                               GError         **error)
{
  AhiMemorySecretStore *self = AHI_MEMORY_SECRET_STORE (store);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->mutex);

  if (!check_available (self, error))
    return FALSE;

  g_hash_table_remove (self->entries, key);
  return TRUE;
}

static void
ahi_memory_secret_store_iface_init (AhiSecretStoreInterface *iface)
{
  iface->store = ahi_memory_secret_store_store;
  iface->lookup = ahi_memory_secret_store_lookup;
  iface->clear = ahi_memory_secret_store_clear;
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
ahi_memory_secret_store_finalize (GObject *object)
{
  AhiMemorySecretStore *self = AHI_MEMORY_SECRET_STORE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ahi_memory_secret_store_parent_class)->finalize (object);
}

static void
ahi_memory_secret_store_class_init (AhiMemorySecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ahi_memory_secret_store_finalize;
}

static void
ahi_memory_secret_store_init (AhiMemorySecretStore *self)
{
  g_mutex_init (&self->mutex);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

AhiMemorySecretStore *
ahi_memory_secret_store_new (void)
{
  return g_object_new (AHI_TYPE_MEMORY_SECRET_STORE, NULL);
}

void
ahi_memory_secret_store_set_unavailable (AhiMemorySecretStore *self,
                                         gboolean              unavailable)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (AHI_IS_MEMORY_SECRET_STORE (self));

  locker = g_mutex_locker_new (&self->mutex);
  self->unavailable = !!unavailable;
}

guint
ahi_memory_secret_store_get_n_secrets (AhiMemorySecretStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (AHI_IS_MEMORY_SECRET_STORE (self), 0);

  locker = g_mutex_locker_new (&self->mutex);
  return g_hash_table_size (self->entries);
}

char *
ahi_memory_secret_store_dup_label (AhiMemorySecretStore *self,
                                   const char           *key)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Entry *entry;

  g_return_val_if_fail (AHI_IS_MEMORY_SECRET_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  locker = g_mutex_locker_new (&self->mutex);
  entry = g_hash_table_lookup (self->entries, key);
  return entry ? g_strdup (entry->label) : NULL;
}
