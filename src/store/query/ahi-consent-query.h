/* ahi-consent-query.h — a customer's consent records, as the API shows them
 *
 * Consents (KVKK açık rıza for health data, İYS for commercial messages)
 * are given per purpose and channel, withdrawn, and registered with İYS;
 * each is one row of the consents projection. Read-only: every change is
 * a consent.* event appended through the store's one write path.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/ahi-db.h"

G_BEGIN_DECLS

/* The customer's consents (JsonObject*), oldest first: consent_id,
 * customer_id, purpose, channel, source, iys_state, given_at,
 * withdrawn_at and withdrawn_source (null while in force). */
GPtrArray  *ahi_consent_query_of  (AhiDb       *db,
                                   const char  *customer_id,
                                   GError     **error);

/* One consent in the same form; NOT_FOUND when unknown. */
JsonObject *ahi_consent_query_get (AhiDb       *db,
                                   const char  *consent_id,
                                   GError     **error);

G_END_DECLS
