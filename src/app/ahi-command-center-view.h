/* ahi-command-center-view.h — the first screen: KPIs, then what to do now
 *
 * A row of KPI tiles (the blueprint's set, in its order), then the action
 * cards ranked by expected value. The snapshot is built on a worker by the
 * context; the view only lays it out. A card's button asks the context to
 * act and shows what was done in a toast, with "Undo" when the action can
 * be taken back; the cards then reload.
 */
#pragma once

#include <adwaita.h>

#include "ahi-context.h"

G_BEGIN_DECLS

#define AHI_TYPE_COMMAND_CENTER_VIEW (ahi_command_center_view_get_type ())
G_DECLARE_FINAL_TYPE (AhiCommandCenterView, ahi_command_center_view, AHI, COMMAND_CENTER_VIEW, AdwBin)

GtkWidget *ahi_command_center_view_new          (AhiContext           *context);
/* Builds the snapshot again (on a worker). */
void       ahi_command_center_view_reload       (AhiCommandCenterView *self);
/* What the toast's "Undo" does, for the last action of this view: takes
 * it back on the worker. FALSE when there is none that can be undone, or
 * it was undone (or tried) already. */
gboolean   ahi_command_center_view_undo_last    (AhiCommandCenterView *self);
/* FALSE while a snapshot, an action or an undo is on its way. */
gboolean   ahi_command_center_view_is_idle      (AhiCommandCenterView *self);
/* The tiles and cards shown (AhiKpiTile / AhiActionCardWidget), for tests. */
GtkWidget *ahi_command_center_view_get_kpi_box  (AhiCommandCenterView *self);
GtkWidget *ahi_command_center_view_get_cards_box (AhiCommandCenterView *self);

G_END_DECLS
