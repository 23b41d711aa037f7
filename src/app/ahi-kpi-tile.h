/* ahi-kpi-tile.h — one KPI of the Command Center's row
 *
 * Label, value and change against the previous period; a tap tells what
 * the figure is made of (formula, numerator, denominator).
 */
#pragma once

#include <gtk/gtk.h>

#include "core/ahi-blueprint.h"
#include "core/ahi-kpi.h"

G_BEGIN_DECLS

#define AHI_TYPE_KPI_TILE (ahi_kpi_tile_get_type ())
G_DECLARE_FINAL_TYPE (AhiKpiTile, ahi_kpi_tile, AHI, KPI_TILE, GtkButton)

GtkWidget  *ahi_kpi_tile_new           (const AhiKpiValue *value,
                                        AhiBlueprint      *blueprint);
const char *ahi_kpi_tile_get_kpi_id    (AhiKpiTile        *self);
const char *ahi_kpi_tile_get_label     (AhiKpiTile        *self);
const char *ahi_kpi_tile_get_value     (AhiKpiTile        *self);
/* The formula and the numbers behind the value. */
const char *ahi_kpi_tile_get_formula   (AhiKpiTile        *self);

G_END_DECLS
