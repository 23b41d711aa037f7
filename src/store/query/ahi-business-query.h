/* ahi-business-query.h — reads behind the tenant API's business routes
 *
 * The resources the calendar is built on, one page of the revenue ledger
 * and the blueprint the tenant stored (sector and overrides, before the
 * merge). Read-only; every change is an event appended through the
 * store's one write path.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  char     *resource_id;
  char     *kind;
  char     *name;
  gboolean  in_service;
  gint64    created_at;
  gint64    updated_at;
} AhiResourceRow;

void       ahi_resource_row_free     (AhiResourceRow  *row);

/* Resources not deleted (AhiResourceRow*), by kind then name then id. */
GPtrArray *ahi_business_resources    (AhiDb           *db,
                                      GError         **error);
/* One resource not deleted; NOT_FOUND when unknown or deleted. */
AhiResourceRow *ahi_business_resource (AhiDb          *db,
                                       const char     *resource_id,
                                       GError        **error);

/* Ledger lines booked in [from, to), ordered by (booked_at, id), after
 * the line after_id (NULL: from the start), at most limit. Each is a JSON
 * object in a fixed member order (docs/api-business.md); optional ids are
 * left out when absent. out_has_more tells whether lines follow. An
 * after_id the ledger does not hold is NOT_FOUND. */
GPtrArray *ahi_business_revenue_page (AhiDb           *db,
                                      gint64           from,
                                      gint64           to,
                                      const char      *after_id,
                                      guint            limit,
                                      gboolean        *out_has_more,
                                      GError         **error);

/* One ledger line as the page shows it; NOT_FOUND when unknown. */
JsonObject *ahi_business_revenue_line (AhiDb          *db,
                                       const char     *revenue_event_id,
                                       GError        **error);

/* The tenant's currency (ISO 4217); INVALID_STATE before the business
 * exists. */
char       *ahi_business_currency      (AhiDb         *db,
                                        GError       **error);

/* The week's opening hours in the tenant's zone: {"timezone": IANA id,
 * "intervals": [{"weekday": 1-7 (ISO), "opens": "HH:MM", "closes":
 * "HH:MM"}, …]} by weekday, then opening time. */
JsonObject *ahi_business_opening_hours (AhiDb         *db,
                                        GError       **error);

/* The tenant's stored sector and overrides (a fresh object, {} when
 * none); INVALID_STATE before the business exists. */
gboolean   ahi_business_blueprint_choice (AhiDb       *db,
                                          char       **out_sector,
                                          JsonObject **out_overrides,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiResourceRow, ahi_resource_row_free)

G_END_DECLS
