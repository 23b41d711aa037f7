/* ahi-migrations.h — schemas, forward only
 *
 * A schema is a list of SQL files in a GResource and the application id
 * that marks a file as its kind. Each migration is applied in its own
 * transaction together with the new PRAGMA user_version. Re-running is a
 * no-op; a database newer than the code, or a file of another kind, is
 * refused and left untouched. The tenant database (here) and the server's
 * control database use the same runner.
 */
#pragma once

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  const char         *what;            /* "Ahi Desk database", for messages */
  gint32              application_id;  /* e.g. "AHID" */
  const char * const *resources;       /* SQL files, in order */
  guint               n_resources;
} AhiSchema;

/* The tenant database's schema. */
const AhiSchema *ahi_migrations_tenant_schema (void);

/* The schema version this code writes for the tenant database. */
int      ahi_migrations_latest   (void);

/* Checks that db is empty or a database of schema not newer than the
 * code, without writing anything. */
gboolean ahi_schema_check        (AhiDb            *db,
                                  const AhiSchema  *schema,
                                  GError          **error);
/* Applies what is missing. Call ahi_schema_check first. */
gboolean ahi_schema_migrate      (AhiDb            *db,
                                  const AhiSchema  *schema,
                                  GError          **error);

/* The same for the tenant schema. */
gboolean ahi_migrations_check    (AhiDb   *db,
                                  GError **error);
gboolean ahi_migrations_run      (AhiDb   *db,
                                  GError **error);

G_END_DECLS
