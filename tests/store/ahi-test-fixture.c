/* ahi-test-fixture.c — small helpers shared by the store tests */
#include "ahi-test-fixture.h"

#include <glib/gstdio.h>

#include "core/ahi-id.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

char *
fx_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ahi-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

AhiStore *
fx_store_new (const char *name)
{
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AhiStore *store = ahi_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
fx_store_free (AhiStore *store)
{
  g_autofree char *path = g_strdup (ahi_store_get_path (store));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_finalize_object (store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

char *
fx_create_tenant (AhiStore   *store,
                  const char *sector)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  char *tenant_id = ahi_id_new ();
  AhiTenantSpec spec = {
    .tenant_id = tenant_id,
    .name = "Işıl Kuaför",
    .sector = sector,
    .owner_name = "Derya Aksoy",
    .created_at = fx_time ("2026-06-01T06:00:00Z"),
  };
  guint applied = 0;

  events = ahi_tenant_bootstrap_events (&spec, &error);
  g_assert_no_error (error);
  ahi_store_append_all (store, events, &applied, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, events->len);
  return tenant_id;
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = ahi_json_strict_parse (json, -1, 1 << 20, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

AhiEvent *
fx_event (AhiStore   *store,
          const char *type,
          const char *entity_id,
          gint64      occurred_at,
          const char *payload_json,
          const char *pii_json)
{
  g_autofree char *owner = ahi_tenant_owner_id (ahi_store_get_tenant_id (store));
  AhiEvent *event = ahi_store_new_event (store, type, entity_id, owner, "owner", occurred_at);

  json_object_unref (event->payload);
  event->payload = parse (payload_json);
  if (pii_json != NULL)
    {
      g_clear_pointer (&event->pii, json_object_unref);
      event->pii = parse (pii_json);
    }
  return event;
}

void
fx_append (AhiStore   *store,
           const char *type,
           const char *entity_id,
           gint64      occurred_at,
           const char *payload_json,
           const char *pii_json)
{
  g_autoptr(AhiEvent) event = fx_event (store, type, entity_id, occurred_at, payload_json, pii_json);
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;

  ahi_store_append (store, event, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);
}

gint64
fx_int (AhiStore   *store,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = ahi_db_query_int (ahi_store_get_db (store), sql, G_MININT64, &error);

  g_assert_no_error (error);
  return value;
}

char *
fx_text (AhiStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  AhiDb *db = ahi_store_get_db (store);
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, &error);
  char *value = NULL;

  g_assert_no_error (error);
  if (ahi_db_step_row (db, stmt, &error))
    {
      value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  g_assert_no_error (error);
  return value;
}

gint64
fx_time (const char *utc)
{
  gint64 value = 0;

  g_assert_true (ahi_time_parse_utc (utc, &value));
  return value;
}
