/* ahi-migrations.h — the schema, forward only
 *
 * Each migration is an SQL file in the store's GResource, applied in its
 * own transaction together with the new PRAGMA user_version. Re-running is
 * a no-op; a database newer than this code is refused and left untouched.
 */
#pragma once

#include "ahi-db.h"

G_BEGIN_DECLS

/* The schema version this code writes. */
int      ahi_migrations_latest   (void);

/* Checks that db is empty or an Ahi Desk database not newer than the code,
 * without writing anything. */
gboolean ahi_migrations_check    (AhiDb   *db,
                                  GError **error);

/* Applies what is missing. Call ahi_migrations_check first. */
gboolean ahi_migrations_run      (AhiDb   *db,
                                  GError **error);

G_END_DECLS
