/* ahi-store.c — one tenant's database and its single write path */
#include "store/ahi-store.h"

#include "store/ahi-event-log.h"
#include "store/ahi-migrations.h"
#include "store/ahi-reducer.h"
#include "store/ahi-store-error.h"
#include "ahi-store-resources.h"
#include "core/ahi-core.h"
#include "core/ahi-id.h"

/* The device's one database gets a generous page cache (DESIGN §9). */
#define DEVICE_CACHE_KIB (64 * 1024)

struct _AhiStore {
  GObject  parent_instance;

  AhiDb   *db;
  char    *tenant_id;
  char    *device_id;
  gint64   next_device_seq;

  AhiStoreCheck  check;
  gpointer       check_data;
};

G_DEFINE_FINAL_TYPE (AhiStore, ahi_store, G_TYPE_OBJECT)

typedef enum {
  APPEND_VALIDATE = 0,
  /* Events re-read from our own log were validated when first appended;
   * their personal data may since have been erased. */
  APPEND_TRUSTED  = 1 << 0,
} AppendFlags;

/* ------------------------------------------------------------- helpers */

static char *
read_meta (AhiDb       *db,
           const char  *key,
           GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT value FROM store_meta WHERE key = ?", error);
  g_autoptr(GError) local_error = NULL;
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, key);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}

static gboolean
write_meta (AhiDb       *db,
            const char  *key,
            const char  *value,
            GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db, "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, key);
  ahi_db_bind_text (stmt, 2, value);
  return ahi_db_step_done (db, stmt, error);
}

/* The next sequence number of this device: one past the last it logged. */
static gboolean
load_next_device_seq (AhiStore  *self,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (self->db, "SELECT max(device_seq) FROM tenant_event_logs WHERE device_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, self->device_id);
  if (ahi_db_step_row (self->db, stmt, &local_error))
    {
      self->next_device_seq = sqlite3_column_int64 (stmt, 0) + 1;
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_identity (AhiStore  *self,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  self->tenant_id = read_meta (self->db, "tenant_id", &local_error);
  if (local_error == NULL)
    self->device_id = read_meta (self->db, "device_id", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (self->device_id == NULL)
    {
      self->device_id = ahi_id_new ();
      if (!write_meta (self->db, "device_id", self->device_id, error))
        return FALSE;
    }

  return load_next_device_seq (self, error);
}

/* Checks, logs and reduces one event inside the open transaction. */
static gboolean
append_in_transaction (AhiStore        *self,
                       const AhiEvent  *event,
                       AppendFlags      flags,
                       AhiStoreCheck    check,
                       gpointer         check_data,
                       gboolean        *out_duplicate,
                       GError         **error)
{
  g_autofree char *subject = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean contains = FALSE;

  *out_duplicate = FALSE;

  /* The size bound is checked where the event is encoded for the log. */
  if (!(flags & APPEND_TRUSTED) && !ahi_event_validate_content (event, error))
    return FALSE;

  if (!ahi_event_log_contains (self->db, event->event_id, &contains, error))
    return FALSE;
  if (contains)
    {
      *out_duplicate = TRUE;
      return TRUE;
    }

  if (self->tenant_id == NULL && !g_str_equal (event->type, "tenant.created"))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "The first event of a business must be tenant.created, not %s", event->type);
      return FALSE;
    }
  if (self->tenant_id != NULL && g_strcmp0 (self->tenant_id, event->tenant_id) != 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_TENANT,
                   "Event %s belongs to another business", event->event_id);
      return FALSE;
    }

  /* The store's own check always runs (on the server: the write table);
   * a caller's check comes on top of it, never instead. */
  if (!(flags & APPEND_TRUSTED))
    {
      if (self->check != NULL && check != self->check && !self->check (self, event, self->check_data, error))
        return FALSE;
      if (check != NULL && !check (self, event, check_data, error))
        return FALSE;
    }

  subject = ahi_reducer_pii_subject (self->db, event, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return ahi_event_log_append (self->db, event, subject, error) > 0 &&
         ahi_reducer_apply (self->db, event, error);
}

/* A refused batch never happened: the events this device numbered for it
 * go back to unnumbered, so the device's log never has a gap (the server
 * would wait for the missing number forever, DESIGN §4). */
static void
undo_batch (AhiStore  *self,
            GPtrArray *events,
            guint      n_numbered,
            GPtrArray *numbered,
            char     **tenant_before)
{
  for (guint i = 0; i < n_numbered; i++)
    ((AhiEvent *) g_ptr_array_index (numbered, i))->device_seq = 0;
  ahi_db_rollback (self->db);
  g_free (self->tenant_id);
  self->tenant_id = g_steal_pointer (tenant_before);
  if (!load_next_device_seq (self, NULL))
    g_warning ("Could not re-read the device sequence of %s", ahi_db_get_path (self->db));
}

/* check (may be NULL) judges each new event inside the transaction. */
static gboolean
append_all (AhiStore      *self,
            GPtrArray     *events,
            AppendFlags    flags,
            AhiStoreCheck  check,
            gpointer       check_data,
            guint         *n_applied,
            GError       **error)
{
  g_autofree char *tenant_before = g_strdup (self->tenant_id);
  g_autoptr(GPtrArray) numbered = g_ptr_array_new ();
  guint applied = 0;

  if (!ahi_db_begin (self->db, error))
    return FALSE;
  /* Another connection to this file (the app's worker, a second window)
   * may have numbered events of this device since we last looked: read
   * the next number inside the write transaction, where nobody else can
   * append, so two connections never hand out the same one. */
  if (!load_next_device_seq (self, error))
    {
      ahi_db_rollback (self->db);
      return FALSE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      AhiEvent *event = g_ptr_array_index (events, i);
      gboolean duplicate = FALSE;

      /* This device's events are numbered when they are logged, not when
       * they are built: an event built and dropped costs no number. */
      if (event->device_seq == 0 && g_strcmp0 (event->device_id, self->device_id) == 0)
        {
          event->device_seq = self->next_device_seq;
          g_ptr_array_add (numbered, event);
        }

      if (!append_in_transaction (self, event, flags, check, check_data, &duplicate, error))
        {
          undo_batch (self, events, numbered->len, numbered, &tenant_before);
          return FALSE;
        }
      if (!duplicate)
        {
          applied++;
          if (self->tenant_id == NULL && g_str_equal (event->type, "tenant.created"))
            self->tenant_id = g_strdup (event->tenant_id);
          if (g_strcmp0 (event->device_id, self->device_id) == 0 && event->device_seq >= self->next_device_seq)
            self->next_device_seq = event->device_seq + 1;
        }
    }

  if (!ahi_db_commit (self->db, error))
    {
      undo_batch (self, events, numbered->len, numbered, &tenant_before);
      return FALSE;
    }

  if (n_applied != NULL)
    *n_applied = applied;
  return TRUE;
}

/* ----------------------------------------------------------- overrides */

static void
ahi_store_finalize (GObject *object)
{
  AhiStore *self = AHI_STORE (object);

  g_clear_pointer (&self->db, ahi_db_close);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (ahi_store_parent_class)->finalize (object);
}

static void
ahi_store_class_init (AhiStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ahi_store_finalize;
}

static void
ahi_store_init (AhiStore *self)
{
  self->next_device_seq = 1;
}

/* ---------------------------------------------------------- public API */

void
ahi_store_module_init (void)
{
  static gsize initialised = 0;

  ahi_core_init ();
  if (g_once_init_enter (&initialised))
    {
      /* See ahi_core_init: a static library's GResource must be registered
       * by hand. */
      g_resources_register (ahi_store_get_resource ());
      g_once_init_leave (&initialised, 1);
    }
}

AhiStore *
ahi_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(AhiStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  ahi_store_module_init ();

  self = g_object_new (AHI_TYPE_STORE, NULL);
  self->db = ahi_db_open (path, TRUE, DEVICE_CACHE_KIB, error);
  if (self->db == NULL ||
      !ahi_migrations_check (self->db, error) ||
      !ahi_db_enable_wal (self->db, error) ||
      !ahi_migrations_run (self->db, error) ||
      !load_identity (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

AhiDb *
ahi_store_get_db (AhiStore *self)
{
  g_return_val_if_fail (AHI_IS_STORE (self), NULL);
  return self->db;
}

const char *
ahi_store_get_path (AhiStore *self)
{
  g_return_val_if_fail (AHI_IS_STORE (self), NULL);
  return ahi_db_get_path (self->db);
}

const char *
ahi_store_get_tenant_id (AhiStore *self)
{
  g_return_val_if_fail (AHI_IS_STORE (self), NULL);
  return self->tenant_id;
}

const char *
ahi_store_get_device_id (AhiStore *self)
{
  g_return_val_if_fail (AHI_IS_STORE (self), NULL);
  return self->device_id;
}

gboolean
ahi_store_append (AhiStore        *self,
                  AhiEvent        *event,
                  gboolean        *out_duplicate,
                  GError         **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  guint applied = 0;

  g_return_val_if_fail (AHI_IS_STORE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  g_ptr_array_add (one, event);
  if (!append_all (self, one, APPEND_VALIDATE, self->check, self->check_data, &applied, error))
    return FALSE;
  if (out_duplicate != NULL)
    *out_duplicate = applied == 0;
  return TRUE;
}

gboolean
ahi_store_append_all (AhiStore   *self,
                      GPtrArray  *events,
                      guint      *n_applied,
                      GError    **error)
{
  g_return_val_if_fail (AHI_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  return append_all (self, events, APPEND_VALIDATE, self->check, self->check_data, n_applied, error);
}

gboolean
ahi_store_append_all_checked (AhiStore       *self,
                              GPtrArray      *events,
                              AhiStoreCheck   check,
                              gpointer        data,
                              guint          *n_applied,
                              GError        **error)
{
  g_return_val_if_fail (AHI_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  return append_all (self, events, APPEND_VALIDATE, check, data, n_applied, error);
}

gboolean
ahi_store_append_checked (AhiStore       *self,
                          AhiEvent       *event,
                          AhiStoreCheck   check,
                          gpointer        data,
                          gboolean       *out_duplicate,
                          GError        **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  guint applied = 0;

  g_return_val_if_fail (event != NULL, FALSE);

  g_ptr_array_add (one, event);
  if (!ahi_store_append_all_checked (self, one, check, data, &applied, error))
    return FALSE;
  if (out_duplicate != NULL)
    *out_duplicate = applied == 0;
  return TRUE;
}

AhiEvent *
ahi_store_new_event (AhiStore    *self,
                     const char  *type,
                     const char  *entity_id,
                     const char  *actor_user_id,
                     const char  *actor_role,
                     gint64       occurred_at)
{
  AhiEvent *event;

  g_return_val_if_fail (AHI_IS_STORE (self), NULL);
  g_return_val_if_fail (self->tenant_id != NULL, NULL);

  /* device_seq 0: numbered by ahi_store_append*. */
  event = ahi_event_new (type, self->tenant_id, entity_id, self->device_id,
                         0, actor_user_id, actor_role, occurred_at);
  return event;
}

void
ahi_store_set_check (AhiStore      *self,
                     AhiStoreCheck  check,
                     gpointer       data)
{
  g_return_if_fail (AHI_IS_STORE (self));
  self->check = check;
  self->check_data = data;
}

gboolean
ahi_store_replay_from (AhiStore  *self,
                       AhiStore  *source,
                       GError   **error)
{
  gint64 after = 0;

  g_return_val_if_fail (AHI_IS_STORE (self), FALSE);
  g_return_val_if_fail (AHI_IS_STORE (source), FALSE);

  for (;;)
    {
      g_autoptr(GPtrArray) page = ahi_event_log_read (source->db, after, 1000, &after, error);

      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        return TRUE;
      if (!append_all (self, page, APPEND_TRUSTED, NULL, NULL, NULL, error))
        return FALSE;
    }
}
