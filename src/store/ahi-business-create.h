/* ahi-business-create.h — the first run: a business made offline
 *
 * The user gives three things: the business's name, its sector and its
 * opening hours as one of a few presets. The sector's blueprint provisions
 * the rest (starter service menu, resources, automation rules, compliance
 * profile, the owner as first staff member) through the tenant bootstrap
 * events, appended in one batch: a refused business leaves the store as
 * empty as it was.
 */
#pragma once

#include "store/ahi-store.h"

G_BEGIN_DECLS

/* Longest business name, in characters (the catalogue's bound). */
#define AHI_BUSINESS_NAME_MAX_CHARS 120

typedef struct {
  const char *id;      /* "mon_sat_9_19" */
  const char *label;   /* English source label; the UI shows g_dgettext ("ahi", label) */
} AhiHoursPreset;

/* The opening-hours presets, in the order the UI offers them; n_presets
 * (may be NULL) receives their number. The first one, "sector_default",
 * stands for the sector's own usual hours. */
const AhiHoursPreset *ahi_business_hours_presets (guint *n_presets);

/* Creates the business in store, which must hold none yet (CONFLICT
 * otherwise). name is trimmed and must then be 1 to
 * AHI_BUSINESS_NAME_MAX_CHARS characters; sector is a shipped blueprint
 * id; hours_preset an id from ahi_business_hours_presets. owner_name may
 * be NULL or empty: the owner is then called "İşletme Sahibi" until
 * renamed. Refusals are INVALID_INPUT and append nothing. out_tenant_id
 * (may be NULL) receives the new business's id. */
gboolean  ahi_business_create    (AhiStore    *store,
                                  const char  *name,
                                  const char  *sector,
                                  const char  *owner_name,
                                  const char  *hours_preset,
                                  gint64       now,
                                  char       **out_tenant_id,
                                  GError     **error);

G_END_DECLS
