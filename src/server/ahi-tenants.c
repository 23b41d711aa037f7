/* ahi-tenants.c — the server's open tenant databases */
#include "ahi-tenants.h"

#include <glib/gstdio.h>

#include "ahi-server-error.h"
#include "core/ahi-id.h"
#include "store/engine/ahi-command-center.h"
#include "store/ahi-event-log.h"
#include "ahi-push-actors.h"
#include "store/sync/ahi-sync-rights.h"
#include "store/sync/ahi-sync-server.h"

/* One cached Command Center answer. */
typedef struct {
  char     *json;             /* NULL when none */
  gint64    seq;              /* the log's last seq when it was made */
  gint64    at;
} Cached;

/* The scopes a Command Center differs by: with revenue summaries or
 * without (ahi_command_center_apply_scope). */
#define N_SCOPES 2

typedef struct {
  char            *tenant_id;
  AhiStore        *store;
  Cached           command_center[N_SCOPES];
  AhiTenantPeople  people;   /* who is who, for the write table */
  AhiSyncPeople    hooks;
} Entry;

struct _AhiTenants {
  char       *dir;
  guint       max_open;
  GHashTable *entries;   /* tenant id → Entry*, owned */
  GQueue      lru;       /* Entry*, most recently used first */
  gboolean    no_command_center_cache;
  AhiControl *control;   /* not owned */
};

static void
entry_free (Entry *entry)
{
  g_free (entry->tenant_id);
  g_clear_object (&entry->store);
  for (guint i = 0; i < N_SCOPES; i++)
    g_free (entry->command_center[i].json);
  g_free (entry);
}

AhiTenants *
ahi_tenants_new (const char *data_dir,
                 guint       max_open,
                 AhiControl *control)
{
  AhiTenants *self = g_new0 (AhiTenants, 1);

  self->control = control;
  self->dir = g_build_filename (data_dir, "tenants", NULL);
  self->max_open = MAX (max_open, 1);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) entry_free);
  g_queue_init (&self->lru);
  g_mkdir_with_parents (self->dir, 0700);
  return self;
}

void
ahi_tenants_free (AhiTenants *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_free (self->dir);
  g_free (self);
}

/* Every event the server appends, whatever the path; data is the
 * tenant's Entry. */
static gboolean
check_event (AhiStore        *store,
             const AhiEvent  *event,
             gpointer         data,
             GError         **error)
{
  Entry *entry = data;

  return ahi_sync_check_rights (store, event, &entry->hooks, error) &&
         ahi_sync_check_booking (store, event, NULL, error);
}

static Entry *
lookup_entry (AhiTenants  *self,
              const char  *tenant_id,
              gboolean     create,
              GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  Entry *entry;

  /* An id that is not a UUID can name no file of ours (and no path
   * outside the folder). */
  if (!ahi_id_is_valid (tenant_id))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such business");
      return NULL;
    }

  entry = g_hash_table_lookup (self->entries, tenant_id);
  if (entry != NULL)
    {
      g_queue_remove (&self->lru, entry);
      g_queue_push_head (&self->lru, entry);
      return entry;
    }

  name = g_strconcat (tenant_id, ".db", NULL);
  path = g_build_filename (self->dir, name, NULL);
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such business");
      return NULL;
    }

  entry = g_new0 (Entry, 1);
  entry->store = ahi_store_open (path, error);
  if (entry->store == NULL)
    {
      g_free (entry);
      return NULL;
    }
  /* The server refuses what the actor's role may not write (DESIGN
   * §5a) and a booking that double-books (DESIGN §4). */
  entry->tenant_id = g_strdup (tenant_id);
  entry->people = (AhiTenantPeople) { self->control, entry->tenant_id };
  entry->hooks = ahi_tenant_people_hooks (&entry->people);
  ahi_store_set_check (entry->store, check_event, entry);
  g_hash_table_insert (self->entries, entry->tenant_id, entry);
  g_queue_push_head (&self->lru, entry);

  while (g_queue_get_length (&self->lru) > self->max_open)
    {
      Entry *oldest = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->entries, oldest->tenant_id);
    }
  return entry;
}

AhiStore *
ahi_tenants_get (AhiTenants  *self,
                 const char  *tenant_id,
                 gboolean     create,
                 GError     **error)
{
  Entry *entry = lookup_entry (self, tenant_id, create, error);

  return entry != NULL ? entry->store : NULL;
}

void
ahi_tenants_set_command_center_cache (AhiTenants *self,
                                      gboolean    enabled)
{
  g_return_if_fail (self != NULL);
  self->no_command_center_cache = !enabled;
}

char *
ahi_tenants_command_center (AhiTenants    *self,
                            const char    *tenant_id,
                            AhiReadScope   scope,
                            gint64         now,
                            gint64         max_age,
                            gboolean      *out_cached,
                            GError       **error)
{
  g_autoptr(AhiCommandCenter) center = NULL;
  Entry *entry = lookup_entry (self, tenant_id, FALSE, error);
  g_autoptr(GError) local_error = NULL;
  Cached *cached;
  gint64 seq;

  if (entry == NULL)
    return NULL;
  seq = ahi_event_log_last_seq (ahi_store_get_db (entry->store), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* Cached per scope: an answer made for an owner is never served to a
   * staff member. */
  cached = &entry->command_center[scope.revenue_summaries ? 1 : 0];
  *out_cached = !self->no_command_center_cache && cached->json != NULL && cached->seq == seq &&
                now >= cached->at && now - cached->at < max_age;
  if (*out_cached)
    return g_strdup (cached->json);

  center = ahi_command_center_build (entry->store, now, error);
  if (center == NULL)
    return NULL;
  ahi_command_center_apply_scope (center, scope);
  g_free (cached->json);
  cached->json = ahi_command_center_to_json (center);
  cached->seq = seq;
  cached->at = now;
  return g_strdup (cached->json);
}
