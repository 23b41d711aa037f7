/* ahi-service-query.h — the service menu as the desk and the API read it
 *
 * The services a business offers (durations, prices, the resource kinds
 * each needs), for the booking form, the slot search's service picker and
 * the server's service routes.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"

G_BEGIN_DECLS

typedef struct {
  char     *service_id;
  char     *code;
  char     *name;
  gint      duration_min;
  gint64    price_minor;      /* KDV included */
  gint      vat_rate_bp;
  GStrv     resource_kinds;   /* never NULL */
  gint      revisit_days;     /* -1 when not set */
  gboolean  active;
  gint64    created_at;
  gint64    updated_at;
} AhiService;

void        ahi_service_free        (AhiService  *service);

/* The menu (AhiService*) in name order (then id); services taken off the
 * menu only when include_inactive. */
GPtrArray  *ahi_service_query_list  (AhiDb       *db,
                                     gboolean     include_inactive,
                                     GError     **error);

/* One service, active or not; AHI_STORE_ERROR_NOT_FOUND when there is none. */
AhiService *ahi_service_query_get   (AhiDb       *db,
                                     const char  *service_id,
                                     GError     **error);

/* {"service_id","code","name","duration_min","price_minor","vat_rate_bp",
 *  "resource_kinds":[…],"revisit_days"?,"active","created_at","updated_at"} */
JsonObject *ahi_service_to_json     (const AhiService *service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiService, ahi_service_free)

G_END_DECLS
