/* ahi-migrations.c — the schema, forward only */
#include "store/ahi-migrations.h"

#include <gio/gio.h>

#include "store/ahi-store-error.h"

/* "AHID": marks the file as ours, so that another program's SQLite file is
 * refused instead of being migrated. */
#define AHI_APPLICATION_ID 0x41484944

static const char * const migrations[] = {
  "/app/ahi/Desk/store/sql/001-foundation.sql",
  "/app/ahi/Desk/store/sql/002-revenue.sql",
  "/app/ahi/Desk/store/sql/003-engine-indexes.sql",
  "/app/ahi/Desk/store/sql/004-sync-server.sql",
  "/app/ahi/Desk/store/sql/005-health-audit.sql",
  "/app/ahi/Desk/store/sql/006-sync-acks.sql",
};

static const AhiSchema tenant_schema = {
  "Ahi Desk database", AHI_APPLICATION_ID, migrations, G_N_ELEMENTS (migrations),
};

const AhiSchema *
ahi_migrations_tenant_schema (void)
{
  return &tenant_schema;
}

int
ahi_migrations_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
ahi_schema_check (AhiDb            *db,
                  const AhiSchema  *schema,
                  GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version = ahi_db_query_int (db, "PRAGMA user_version", 0, &local_error);
  gint64 application_id = 0;
  gint64 n_objects = 0;

  if (local_error == NULL)
    application_id = ahi_db_query_int (db, "PRAGMA application_id", 0, &local_error);
  if (local_error == NULL)
    n_objects = ahi_db_query_int (db, "SELECT count(*) FROM sqlite_master", 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if ((application_id != 0 && application_id != schema->application_id) ||
      (application_id == 0 && n_objects > 0))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_A_DATABASE,
                   "%s is not an %s; it was left untouched", ahi_db_get_path (db), schema->what);
      return FALSE;
    }

  if (version > (gint64) schema->n_resources)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_SCHEMA_TOO_NEW,
                   "%s was written by a newer Ahi Desk (schema %" G_GINT64_FORMAT
                   ", this version knows up to %u); it was left untouched",
                   ahi_db_get_path (db), version, schema->n_resources);
      return FALSE;
    }

  return TRUE;
}

static gboolean
apply_migration (AhiDb            *db,
                 const AhiSchema  *schema,
                 guint             version,
                 GError          **error)
{
  g_autoptr(GBytes) sql = NULL;
  g_autofree char *bump = NULL;

  sql = g_resources_lookup_data (schema->resources[version - 1], G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (sql == NULL)
    return FALSE;

  bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                          schema->application_id, version);

  if (!ahi_db_begin (db, error))
    return FALSE;
  if (!ahi_db_exec (db, g_bytes_get_data (sql, NULL), error) ||
      !ahi_db_exec (db, bump, error) ||
      !ahi_db_commit (db, error))
    {
      ahi_db_rollback (db);
      g_prefix_error (error, "Migration %u of the %s failed: ", version, schema->what);
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_schema_migrate (AhiDb            *db,
                    const AhiSchema  *schema,
                    GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 current = ahi_db_query_int (db, "PRAGMA user_version", 0, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint version = (guint) current + 1; version <= schema->n_resources; version++)
    if (!apply_migration (db, schema, version, error))
      return FALSE;

  return TRUE;
}

gboolean
ahi_migrations_check (AhiDb   *db,
                      GError **error)
{
  return ahi_schema_check (db, &tenant_schema, error);
}

gboolean
ahi_migrations_run (AhiDb   *db,
                    GError **error)
{
  return ahi_schema_migrate (db, &tenant_schema, error);
}
