/* ahi-tenant-bootstrap.h — the events that create a business
 *
 * Creating a tenant for a sector provisions its blueprint, a compliance
 * profile, the sector's automation rules, starter resources and service
 * menu, and the owner as first staff member — all as ordinary events.
 * Their ids are derived from the tenant id (UUIDv5), so a bootstrap run on
 * the device and again on the server creates nothing twice.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ahi-event.h"

G_BEGIN_DECLS

typedef struct {
  const char *tenant_id;      /* required */
  const char *name;           /* required: the business's name */
  const char *sector;         /* required: a blueprint id */
  const char *owner_name;     /* required: shown on the calendar */
  const char *timezone;       /* NULL: Europe/Istanbul */
  const char *locale;         /* NULL: "tr" */
  JsonArray  *opening_hours;  /* NULL: the blueprint's default hours */
  gint64      created_at;     /* unix seconds */
} AhiTenantSpec;

/* The bootstrap events in the order they must be applied (AhiEvent*). */
GPtrArray *ahi_tenant_bootstrap_events (const AhiTenantSpec *spec,
                                        GError             **error);

/* The owner's staff and user id for a tenant (derived, stable). */
char      *ahi_tenant_owner_id         (const char          *tenant_id);

G_END_DECLS
