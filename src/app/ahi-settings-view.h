/* ahi-settings-view.h — the business's settings
 *
 * The sector (an owner's setting: an event that re-shapes modules, cards,
 * fields and words at once) and the backups. What the one at the desk may
 * not change is not offered.
 */
#pragma once

#include <adwaita.h>

#include "ahi-context.h"

G_BEGIN_DECLS

#define AHI_TYPE_SETTINGS_VIEW (ahi_settings_view_get_type ())
G_DECLARE_FINAL_TYPE (AhiSettingsView, ahi_settings_view, AHI, SETTINGS_VIEW, AdwBin)

GtkWidget *ahi_settings_view_new (AhiContext *context);

G_END_DECLS
