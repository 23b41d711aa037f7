/* ahi-test-fixture.h — small helpers shared by the store tests */
#pragma once

#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"

G_BEGIN_DECLS

/* A fresh store in a new temporary directory; remove it with
 * fx_store_free, which deletes the files too. */
AhiStore *fx_store_new        (const char *name);
void      fx_store_free       (AhiStore   *store);
char     *fx_tmpdir           (void);

/* Creates a tenant of the sector in store; returns its tenant id. */
char     *fx_create_tenant    (AhiStore   *store,
                               const char *sector);

/* Builds an event of store's device, payload and pii given as JSON text
 * (pii may be NULL), acted by the tenant's owner. */
AhiEvent *fx_event            (AhiStore   *store,
                               const char *type,
                               const char *entity_id,
                               gint64      occurred_at,
                               const char *payload_json,
                               const char *pii_json);

/* fx_event + ahi_store_append, asserting success. */
void      fx_append           (AhiStore   *store,
                               const char *type,
                               const char *entity_id,
                               gint64      occurred_at,
                               const char *payload_json,
                               const char *pii_json);

/* One integer from a query. */
gint64    fx_int              (AhiStore   *store,
                               const char *sql);
/* One text from a query (NULL for NULL), newly allocated. */
char     *fx_text             (AhiStore   *store,
                               const char *sql);

/* unix seconds of a UTC instant given as "YYYY-MM-DDTHH:MM:SSZ". */
gint64    fx_time             (const char *utc);

G_END_DECLS

G_BEGIN_DECLS

/* Ids the every-type scenario uses, so tests can look rows up. */
#define FX_CUSTOMER   "01900000-0000-7000-8000-000000000001"
#define FX_CUSTOMER2  "01900000-0000-7000-8000-000000000002"
#define FX_ERASED     "01900000-0000-7000-8000-000000000003"
#define FX_APPT_DONE  "01900000-0000-7000-8000-000000000010"
#define FX_APPT_LATE  "01900000-0000-7000-8000-000000000011"
#define FX_APPT_EARLY "01900000-0000-7000-8000-000000000012"
#define FX_STAFF      "01900000-0000-7000-8000-000000000020"
#define FX_CHAIR      "01900000-0000-7000-8000-000000000030"
#define FX_SERVICE    "01900000-0000-7000-8000-000000000040"

/* On a store with a hair_beauty tenant: appends at least one event of
 * every catalogue type that bootstrap does not write, in an order that
 * makes every reference valid. After each append it appends the same
 * event again and checks that nothing changed (apply twice = apply once).
 * seen (may be NULL) collects the types appended. */
void fx_run_every_type (AhiStore   *store,
                        GHashTable *seen);

G_END_DECLS
