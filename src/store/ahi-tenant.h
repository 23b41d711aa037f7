/* ahi-tenant.h — the tenant's effective settings, read from its database
 *
 * What every engine asks first: which blueprint the business runs on
 * (shipped blueprint ⊕ the tenant's overrides) and which time zone its
 * days are in.
 */
#pragma once

#include "store/ahi-db.h"
#include "core/ahi-blueprint.h"

G_BEGIN_DECLS

/* The effective blueprint; AHI_STORE_ERROR_INVALID_STATE before the
 * business exists. */
AhiBlueprint *ahi_tenant_load_blueprint (AhiDb   *db,
                                         GError **error);

/* The business's zone (Europe/Istanbul when none is set or it is
 * unknown to this machine). */
GTimeZone    *ahi_tenant_timezone       (AhiDb   *db);

/* An integer column of tenant_settings (e.g. "late_cancel_window_min");
 * fallback before the business exists. */
gint64        ahi_tenant_setting_int    (AhiDb       *db,
                                         const char  *column,
                                         gint64       fallback);

G_END_DECLS
